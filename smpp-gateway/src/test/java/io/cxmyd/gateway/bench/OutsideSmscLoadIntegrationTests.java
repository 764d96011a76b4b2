package io.cxmyd.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ESME-mode outside measurement's tools work together (a functional check, no figure is asserted):
 * {@link OutsideSmscLoad} plays the SMSC on a free port, {@link NettyEsmeEcho} binds to it in-process as the two
 * carriers, queries go out as deliver_sm for under a second (window 4) and every one gets its reply, as
 * submit_sm, with all its parts, none missing.
 */
class OutsideSmscLoadIntegrationTests {

    @Test
    void everyQueryGetsAllPartsOfItsReply() throws Exception {
        OutsideLoad.Options o = OutsideLoad.Options.listen("127.0.0.1", 0)
                .withPace(2, 4, Duration.ofMillis(200), Duration.ofMillis(600))
                .withNumbersRange("13800000000-13800000999");
        try (OutsideSmscLoad smsc = OutsideSmscLoad.listen(o);
             NettyEsmeEcho echo = NettyEsmeEcho.start(NettyEsmeEcho.Options.target("127.0.0.1", smsc.port()))) {
            OutsideLoad.Result r = smsc.run();
            System.out.print(r.report());
            System.out.print(echo.summary());
            assertThat(r.query()).isEqualTo("deliver_sm");
            assertThat(r.errors()).isEmpty();
            assertThat(r.completedInWindow()).isPositive();
            assertThat(r.latency().getTotalCount()).isPositive();
            assertThat(r.partsPerReply()).containsOnlyKeys(2);
            assertThat(r.octetsPerReply()).isEqualTo(2 * 140.0);
            assertThat(r.missing() + r.incomplete() + r.unmatched() + r.duplicateParts() + r.inconsistentTotals())
                    .isZero();
        }
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        OutsideLoad.Options o = OutsideLoad.Options.listen("127.0.0.1", 0).withNumbersRange("13800000000-13800000009");
        try (OutsideSmscLoad smsc = OutsideSmscLoad.listen(o)) {
            NettyEsmeEcho.Options wrong = new NettyEsmeEcho.Options(
                    NettyEsmeEcho.Options.target("127.0.0.1", smsc.port()).echo(),
                    List.of(new OutsideLoad.Bind("cmcc", "not-it", "")), Duration.ofSeconds(2));
            assertThatThrownBy(() -> NettyEsmeEcho.start(wrong)).isInstanceOf(IOException.class)
                    .hasMessageContaining("refused: 0xe");
        }
    }
}
