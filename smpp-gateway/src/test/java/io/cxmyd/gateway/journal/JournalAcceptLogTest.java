package io.cxmyd.gateway.journal;

import static io.cxmyd.gateway.journal.JournalCodecTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.smpp.InboundMessage;
import io.cxmyd.gateway.smpp.SmppStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accept without a waiting thread, on a real journal folder. */
class JournalAcceptLogTest {

    @TempDir
    Path dir;

    private JournalOptions options() {
        return new JournalOptions(dir, Duration.ZERO, Duration.ofSeconds(5), JournalOptions.MIN_SEGMENT_BYTES);
    }

    @Test
    void acceptLaterAnswersRokOnceTheQueryIsOnTheDiskAndARestartFindsIt() throws Exception {
        AtomicInteger committed = new AtomicInteger();
        InboundMessage m = message("13800138000");
        try (Journal j = Journal.open(options());
                JournalAcceptLog log = new JournalAcceptLog(j, Duration.ofSeconds(10), new JournalAcceptLog.Events() {
                    @Override
                    public void committed(long nanos) {
                        committed.incrementAndGet();
                    }
                })) {
            SmppStatus status = log.acceptLater(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(SmppStatus.ESME_ROK);
            assertThat(committed).hasValue(1);
        }
        try (Journal j = Journal.open(options())) {
            assertThat(j.recovered()).extracting(r -> r.message().source().address()).containsExactly("13800138000");
        }
    }

    @Test
    void aQueryTheJournalCannotTakeIsRefusedAndNotKept() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        Journal j = Journal.open(options());
        try (JournalAcceptLog log = new JournalAcceptLog(j, Duration.ofSeconds(10), new JournalAcceptLog.Events() {
            @Override
            public void refused() {
                refused.incrementAndGet();
            }
        })) {
            j.close();
            SmppStatus status = log.acceptLater(message("13800138000")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(SmppStatus.ESME_RSYSERR);
            assertThat(refused).hasValue(1);
        }
        try (Journal reopened = Journal.open(options())) {
            assertThat(reopened.recovered()).isEmpty();
        }
    }
}
