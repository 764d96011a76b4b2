package io.cxmyd.gateway.faults;

import static io.cxmyd.gateway.faults.FaultGateway.SERVICE_NUMBER;
import static io.cxmyd.gateway.faults.FaultGateway.metric;
import static io.cxmyd.gateway.faults.FaultGateway.queries;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;
import io.cxmyd.itinerary.source.http.FakePlatform;
import io.cxmyd.itinerary.source.http.FakePlatform.Reply;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway on the HTTP itinerary source (a fake platform on loopback), and that source failing: answering
 * 500, never answering, or gone (its port closed). The subscriber gets the "service busy, please try later"
 * reply within the reply deadline, never silence; the query counts as {@code unavailable} and the source
 * error by kind. A failure is not cached: once the platform answers again, the same subscriber gets the
 * itinerary.
 */
class SourceFaultsIntegrationTests {

    /** Above the 1 s HTTP response timeout and the 3 s lookup deadline: silence shows as no reply at all. */
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BUSY = "【中国移动】行程查询服务繁忙，请稍后再试。";
    /** Six hours in Guangzhou in the window of the pinned clock (2026-11-21 09:30 Beijing). */
    private static final String GUANGZHOU_WEEK = FakePlatform.dataJson("china-mobile", "2020-03-01", null,
            "2026-11-15T08:00:00+08:00", "440106", "2026-11-15T14:00:00+08:00", "440100");

    private FakePlatform platform;
    private Gateway gateway;
    private SmppClient carrier;

    @BeforeEach
    void gatewayOnTheHttpSource() throws Exception {
        platform = FakePlatform.start().answer(Reply.json(200, GUANGZHOU_WEEK));
        gateway = FaultGateway.start(FaultGateway.yaml("""
                itinerary:
                  source: http
                  http:
                    baseUrl: %s
                    connectTimeout: 1s
                    responseTimeout: 1s
                """.formatted(platform.baseUrl()), ""));
        carrier = FaultGateway.bind(gateway, BindMode.TRANSCEIVER);
        assertThat(ask("13900000001").text()).as("the platform answering").contains("广东省广州市");
    }

    @AfterEach
    void stopAll() {
        if (carrier != null) {
            carrier.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aPlatformAnswering500GetsTheBusyReplyAndTheItineraryOnceItRecovers() throws Exception {
        platform.answer(Reply.json(500, "{\"error\":\"internal\"}"));

        assertThat(ask("13900000002").text()).isEqualTo(BUSY);
        assertThat(queries(gateway, "unavailable")).isEqualTo(1);
        assertThat(sourceErrors("status_5xx")).isEqualTo(1);

        platform.answer(Reply.json(200, GUANGZHOU_WEEK));
        assertThat(ask("13900000002").text()).as("the busy answer is not cached").contains("广东省广州市");
        everyReplyDelivered(3);
    }

    @Test
    void aPlatformThatNeverAnswersGetsTheBusyReplyAtTheResponseTimeout() throws Exception {
        platform.answer(Reply.hang());

        assertThat(ask("13900000003").text()).isEqualTo(BUSY);
        assertThat(queries(gateway, "unavailable")).isEqualTo(1);
        assertThat(sourceErrors("timeout")).isEqualTo(1);

        platform.answer(Reply.json(200, GUANGZHOU_WEEK));
        assertThat(ask("13900000003").text()).as("the busy answer is not cached").contains("广东省广州市");
        everyReplyDelivered(3);
    }

    @Test
    void aPlatformThatIsGoneGetsTheBusyReply() throws Exception {
        platform.close();

        assertThat(ask("13900000004").text()).isEqualTo(BUSY);
        assertThat(ask("13900000005").text()).isEqualTo(BUSY);
        assertThat(queries(gateway, "unavailable")).isEqualTo(2);
        assertThat(sourceErrors("connect")).isEqualTo(2);
        everyReplyDelivered(3);
    }

    /** One query; its reply must arrive within {@link #WAIT}. */
    private ReceivedReply ask(String number) throws Exception {
        assertThat(carrier.submit(number, SERVICE_NUMBER, "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        Optional<ReceivedReply> reply = carrier.awaitReply(WAIT);
        assertThat(reply).as("a reply within " + WAIT + ", not silence").isPresent();
        return reply.get();
    }

    /** The busy replies are replies like any other: each acknowledged by the carrier, none dropped. */
    private void everyReplyDelivered(int n) throws Exception {
        FaultGateway.await(n + " replies delivered", () -> FaultGateway.replies(gateway, "delivered") == n, WAIT);
        assertThat(FaultGateway.replies(gateway, "expired")).isZero();
    }

    private double sourceErrors(String kind) {
        return metric(gateway, "cxmyd_source_errors_total", "kind", kind);
    }
}
