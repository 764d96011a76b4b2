package io.cxmyd.gateway.journal;

import static io.cxmyd.gateway.journal.JournalCodecTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.AcceptedMessage;
import io.cxmyd.gateway.message.InboundMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay on a real journal: in order, each with the ticket of its entry; too old ones ended, not answered. */
class JournalReplayTest {

    @TempDir
    Path dir;

    private final AtomicInteger replayed = new AtomicInteger();

    private Journal open() throws Exception {
        return Journal.open(new JournalOptions(dir, Duration.ZERO, Duration.ofSeconds(10),
                JournalOptions.MIN_SEGMENT_BYTES));
    }

    /** Leaves {@code messages} accepted and unfinished, as a crash would. */
    private void crashWith(InboundMessage... messages) throws Exception {
        try (Journal j = open()) {
            for (InboundMessage m : messages) {
                j.append(m).durable().get();
            }
        }
    }

    private static Instant receivedAt(Journal j) {
        return j.recovered().get(0).message().receivedAt();
    }

    @Test
    void unfinishedQueriesAreTakenAgainInOrderAndTheirTicketsEndTheirEntries() throws Exception {
        crashWith(message("13800138000"), message("13800138001"));
        List<String> taken = new ArrayList<>();
        try (Journal j = open()) {
            Instant now = receivedAt(j).plusSeconds(1);
            new JournalReplay(j.recovered(), new JournalAcceptLog(j, Duration.ofSeconds(10), JournalEvents.NONE),
                    (AcceptedMessage a) -> {
                        taken.add(a.message().source().address());
                        a.ticket().end();
                        return true;
                    }, replayed::incrementAndGet, Duration.ofMinutes(10), () -> now).run();
        }

        assertThat(taken).containsExactly("13800138000", "13800138001");
        assertThat(replayed).hasValue(2);
        try (Journal j = open()) {
            assertThat(j.recovered()).isEmpty();
        }
    }

    @Test
    void aQueryOlderThanItsReplysValidityIsEndedWithoutAnAnswer() throws Exception {
        crashWith(message("13800138000"));
        List<AcceptedMessage> taken = new ArrayList<>();
        try (Journal j = open()) {
            Instant now = receivedAt(j).plus(Duration.ofMinutes(11));
            new JournalReplay(j.recovered(), new JournalAcceptLog(j, Duration.ofSeconds(10), JournalEvents.NONE),
                    taken::add, replayed::incrementAndGet, Duration.ofMinutes(10), () -> now).run();
        }

        assertThat(taken).isEmpty();
        assertThat(replayed).hasValue(0);
        try (Journal j = open()) {
            assertThat(j.recovered()).isEmpty();
        }
    }

    @Test
    void aQueryLeftOpenByThePathStaysForTheNextStart() throws Exception {
        crashWith(message("13800138000"));
        try (Journal j = open()) {
            Instant now = receivedAt(j);
            new JournalReplay(j.recovered(), new JournalAcceptLog(j, Duration.ofSeconds(10), JournalEvents.NONE),
                    a -> true, replayed::incrementAndGet, Duration.ofMinutes(10), () -> now).run();
        }

        try (Journal j = open()) {
            assertThat(j.recovered()).hasSize(1);
        }
    }

    @Test
    void stoppingWhileWaitingForRoomLeavesTheRestInTheJournal() throws Exception {
        crashWith(message("13800138000"), message("13800138001"));
        try (Journal j = open()) {
            Instant now = receivedAt(j);
            Thread.currentThread().interrupt(); // the gateway stops: the wait for room ends at once
            new JournalReplay(j.recovered(), new JournalAcceptLog(j, Duration.ofSeconds(10), JournalEvents.NONE),
                    a -> false, replayed::incrementAndGet, Duration.ofMinutes(10), () -> now).run();
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }

        assertThat(replayed).hasValue(0);
        try (Journal j = open()) {
            assertThat(j.recovered()).hasSize(2);
        }
    }
}
