package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.SmppStatus;
import java.io.IOException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SendMessagesTest {

    private static final SendMessages.Target TARGET =
            new SendMessages.Target("127.0.0.1", 2775, "cmcc", "china-mobile", "config/gateway.yml");

    @Test
    void aBindRefusedForItsPasswordSaysWhichConfigDisagrees() {
        assertThat(SendMessages.cannotBind(TARGET, SmppStatus.ESME_RINVPASWD, new IOException("refused")))
                .isEqualTo("cannot send: the gateway at 127.0.0.1:2775 refused the bind as cmcc: ESME_RINVPASWD"
                        + " (wrong password: the gateway runs with another password for china-mobile than"
                        + " config/gateway.yml)");
    }

    @Test
    void anUnknownHostIsNamedWithItsKey() {
        assertThat(SendMessages.cannotBind(new SendMessages.Target("gw.invalid", 2775, "cmcc", "china-mobile",
                "x.yml"), null, new IOException("connect", new UnknownHostException("gw.invalid"))))
                .isEqualTo("cannot send: no such host gw.invalid (smpp.host of x.yml)");
    }

    @Test
    void aWrongServiceNumberIsSaidInWords() {
        assertThat(SendMessages.refused(SmppStatus.ESME_RINVDSTADR, "13800138000", "10010", "china-mobile"))
                .isEqualTo("submit_sm refused: ESME_RINVDSTADR: the gateway refused the destination 10010 (not a"
                        + " service number of china-mobile in the config the gateway runs with)");
    }

    @Test
    void noReplyAfterASilentThrottleNamesTheLimitAndTheNumberMasked() {
        assertThat(SendMessages.noReply("15s", "13800138000", 1, "5/10m", "config/gateway.yml"))
                .startsWith("no reply within 15s: the gateway took the text but counted 138****8000 over the"
                        + " per-subscriber limit (limits.perSubscriber: 5/10m in config/gateway.yml)")
                .doesNotContain("13800138000");
    }

    @Test
    void noReplyWithoutAThrottleDoesNotBlameTheLimit() {
        assertThat(SendMessages.noReply("15s", "13800138000", 0, "5/10m", "config/gateway.yml"))
                .doesNotContain("limit").contains("sent no reply");
    }

    @Test
    void theThrottledCountIsSummedForOneCarrierOnly() {
        String scrape = """
                # TYPE cxmyd_queries_total counter
                cxmyd_queries_total{carrier="china-mobile",outcome="throttled"} 3.0
                cxmyd_queries_total{carrier="china-mobile",outcome="served"} 9.0
                cxmyd_queries_total{carrier="china-unicom",outcome="throttled"} 5.0
                """;
        assertThat(ThrottleCount.of(scrape, "china-mobile")).isEqualTo(3);
    }
}
