package io.cxmyd.gateway.journal;

import static io.cxmyd.gateway.journal.JournalCodecTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accept log on a real journal folder: a recorded query's ticket is its entry, ended once. */
class JournalAcceptLogTest {

    @TempDir
    Path dir;

    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final JournalEvents events = new JournalEvents() {
        @Override
        public void committed(long nanos) {
            committed.incrementAndGet();
        }

        @Override
        public void refused() {
            refused.incrementAndGet();
        }
    };

    private Journal open() throws Exception {
        return Journal.open(new JournalOptions(dir, Duration.ZERO, Duration.ofSeconds(10),
                JournalOptions.MIN_SEGMENT_BYTES));
    }

    private static Ticket recorded(AcceptLog.Result r) {
        assertThat(r).isInstanceOf(AcceptLog.Recorded.class);
        return ((AcceptLog.Recorded) r).ticket();
    }

    @Test
    void aRecordedQueryWhoseTicketEndedIsNotAnsweredAgain() throws Exception {
        try (Journal j = open()) {
            JournalAcceptLog log = new JournalAcceptLog(j, Duration.ofSeconds(10), events);
            Ticket t = recorded(log.accept(message("13800138000")));
            t.end();
            t.end(); // a second end is a no-op, not a second "done" record
        }
        try (Journal j = open()) {
            assertThat(j.recovered()).isEmpty();
        }
        assertThat(committed).hasValue(1);
    }

    @Test
    void aRecordedQueryWhoseTicketIsStillOpenIsAnsweredAfterTheNextStart() throws Exception {
        try (Journal j = open()) {
            JournalAcceptLog log = new JournalAcceptLog(j, Duration.ofSeconds(10), events);
            recorded(log.accept(message("13800138000")));
            recorded(log.accept(message("13800138001"))).end();
        }
        try (Journal j = open()) {
            assertThat(j.recovered()).extracting(a -> a.message().source().address()).containsExactly("13800138000");
        }
    }

    @Test
    void aRecoveredEntrysTicketEndsThatEntry() throws Exception {
        try (Journal j = open()) {
            recorded(new JournalAcceptLog(j, Duration.ofSeconds(10), events).accept(message("13800138000")));
        }
        try (Journal j = open()) {
            new JournalAcceptLog(j, Duration.ofSeconds(10), events).ticket(j.recovered().get(0).id()).end();
        }
        try (Journal j = open()) {
            assertThat(j.recovered()).isEmpty();
        }
    }

    @Test
    void aQueryTheJournalCannotWriteIsRefusedWithASystemError() throws Exception {
        Journal j = open();
        j.close();
        JournalAcceptLog log = new JournalAcceptLog(j, Duration.ofSeconds(10), events);

        AcceptLog.Result r = log.accept(message("13800138000"));

        assertThat(r).isEqualTo(new AcceptLog.Refused(Acceptance.JOURNAL_FAILED));
        assertThat(refused).hasValue(1);
    }

    @Test
    void acceptLaterRecordsWithoutAWaitingThreadAndARestartFindsTheQuery() throws Exception {
        try (Journal j = open(); JournalAcceptLog log = new JournalAcceptLog(j, Duration.ofSeconds(10), events)) {
            AcceptLog.Result r = log.acceptLater(message("13800138000")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            recorded(r);
            assertThat(committed).hasValue(1);
        }
        try (Journal j = open()) {
            assertThat(j.recovered()).extracting(a -> a.message().source().address()).containsExactly("13800138000");
        }
    }

    @Test
    void acceptLaterRefusesWhatTheJournalCannotWriteAndKeepsNothing() throws Exception {
        Journal j = open();
        j.close();
        try (JournalAcceptLog log = new JournalAcceptLog(j, Duration.ofSeconds(10), events)) {
            AcceptLog.Result r = log.acceptLater(message("13800138000")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertThat(r).isEqualTo(new AcceptLog.Refused(Acceptance.JOURNAL_FAILED));
            assertThat(refused).hasValue(1);
        }
        try (Journal reopened = open()) {
            assertThat(reopened.recovered()).isEmpty();
        }
    }
}
