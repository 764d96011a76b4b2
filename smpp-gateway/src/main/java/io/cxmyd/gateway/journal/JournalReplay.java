package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.message.AcceptedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes again, in the order they were accepted, the queries an earlier run acknowledged and did not
 * finish. Runs on a thread of its own: when more wait than the reply queues hold, it waits for room, which
 * only a carrier's receiver bind can make, so it must not hold up the opening of the SMPP port.
 */
public final class JournalReplay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);
    private static final long ROOM_POLL_MILLIS = 50;

    private final List<JournalRecord.Accepted> entries;
    private final JournalAcceptLog acceptLog;
    private final Predicate<AcceptedMessage> process;
    private final Runnable replayed;
    private final Duration maxAge;
    private final Supplier<Instant> clock;

    /**
     * @param process takes a query again; false, changing nothing, when there is no room for it now (it is
     *     offered again)
     * @param replayed called once per query taken again
     * @param maxAge a query older than this is not answered any more (its reply would have expired): it is
     *     marked done instead
     */
    public JournalReplay(List<JournalRecord.Accepted> entries, JournalAcceptLog acceptLog,
            Predicate<AcceptedMessage> process, Runnable replayed, Duration maxAge, Supplier<Instant> clock) {
        this.entries = List.copyOf(entries);
        this.acceptLog = acceptLog;
        this.process = process;
        this.replayed = replayed;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public void run() {
        int done = 0;
        int tooOld = 0;
        Instant oldest = clock.get().minus(maxAge);
        try {
            for (JournalRecord.Accepted e : entries) {
                AcceptedMessage accepted = new AcceptedMessage(e.message(), acceptLog.ticket(e.id()));
                if (e.message().receivedAt().isBefore(oldest)) {
                    accepted.ticket().end();
                    tooOld++;
                    continue;
                }
                while (!process.test(accepted)) {
                    Thread.sleep(ROOM_POLL_MILLIS);
                }
                replayed.run();
                done++;
            }
        } catch (InterruptedException ie) {
            // Stopping: what was not taken again stays in the journal for the next start.
            Thread.currentThread().interrupt();
        }
        log.info("journal replay: {} of {} unfinished queries processed again, {} older than {} dropped", done,
                entries.size(), tooOld, maxAge);
    }
}
