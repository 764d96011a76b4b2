package io.cxmyd.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outside measurement's tools work together (a functional check, no figure is asserted): {@link NettyEcho}
 * in-process on a free port, {@link OutsideLoad} against it for well under a second (window 4, then a fixed
 * rate), and every query gets its reply with all its parts, none missing.
 */
class OutsideLoadIntegrationTests {

    @Test
    void everyQueryGetsAllPartsOfItsReply() throws Exception {
        try (NettyEcho echo = NettyEcho.start(NettyEcho.Options.defaults().withPort(0).withParts(3))) {
            OutsideLoad.Result r = run(echo, 0);
            assertThat(r.errors()).isEmpty();
            assertThat(r.completedInWindow()).isPositive();
            assertThat(r.latency().getTotalCount()).isPositive();
            assertThat(r.partsPerReply()).containsOnlyKeys(3);
            assertThat(r.octetsPerReply()).isEqualTo(3 * 140.0);
            assertThat(r.missing() + r.incomplete() + r.unmatched() + r.duplicateParts() + r.inconsistentTotals())
                    .isZero();
        }
    }

    @Test
    void plainRepliesAreOnePart() throws Exception {
        try (NettyEcho echo = NettyEcho.start(NettyEcho.Options.defaults().withPort(0).withPlain(true))) {
            OutsideLoad.Result r = run(echo, 400);
            assertThat(r.errors()).isEmpty();
            assertThat(r.sendLag().getTotalCount()).isPositive();
            assertThat(r.partsPerReply()).isEqualTo(Map.of(1, r.partsPerReply().get(1)));
            assertThat(r.octetsPerReply()).isEqualTo(120.0);
            assertThat(r.missing() + r.incomplete() + r.unmatched()).isZero();
        }
    }

    @Test
    void theSameWorkEchoAnswersAfterItsJournalRecordedEachQuery(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        NettyEcho.Options o = NettyEcho.Options.defaults().withPort(0)
                .withQueryWork(Path.of("..", "config", "gateway.yml")) // the demo dataset
                .withJournal(journal);
        OutsideLoad.Result r;
        try (NettyEcho echo = NettyEcho.start(o)) {
            r = run(echo, 0);
        }
        assertThat(r.errors()).isEmpty();
        assertThat(r.completedInWindow()).isPositive();
        assertThat(r.missing() + r.incomplete() + r.unmatched() + r.duplicateParts()).isZero();
        try (Stream<Path> files = Files.list(journal)) {
            assertThat(files.filter(f -> f.toString().endsWith(".jnl")).mapToLong(f -> f.toFile().length()).sum())
                    .as("octets journaled").isPositive();
        }
    }

    /** Window 4 on 2 sessions ({@code rate} 0), or a fixed rate: 0.2 s of warm-up, 0.5 s measured. */
    private static OutsideLoad.Result run(NettyEcho echo, int rate) throws Exception {
        OutsideLoad.Options o = OutsideLoad.Options.target("127.0.0.1", echo.port())
                .withPace(2, 4, Duration.ofMillis(200), Duration.ofMillis(500))
                .withRate(rate)
                .withNumbersRange("13800000000-13800000999");
        OutsideLoad.Result r = OutsideLoad.run(o);
        System.out.print(r.report());
        return r;
    }
}
