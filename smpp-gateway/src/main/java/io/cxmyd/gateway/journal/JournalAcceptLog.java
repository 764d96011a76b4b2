package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Ticket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link AcceptLog} on a local {@link Journal}: each query's ticket holds its entry id. */
public final class JournalAcceptLog implements AcceptLog {

    private static final Logger log = LoggerFactory.getLogger(JournalAcceptLog.class);

    private final Journal journal;
    private final Duration commitTimeout;
    private final JournalEvents events;

    public JournalAcceptLog(Journal journal, Duration commitTimeout, JournalEvents events) {
        this.journal = journal;
        this.commitTimeout = commitTimeout;
        this.events = events;
    }

    @Override
    public Result accept(InboundMessage message) {
        long start = System.nanoTime();
        Journal.Appended appended = journal.append(message);
        try {
            appended.durable().get(commitTimeout.toNanos(), TimeUnit.NANOSECONDS);
            events.committed(System.nanoTime() - start);
            return new Recorded(ticket(appended.id()));
        } catch (TimeoutException e) {
            // The record may still reach the disk: cancel it, so a restart does not answer a query refused.
            log.warn("[{}] journal commit took longer than {}: query refused", message.carrierId(), commitTimeout);
            return refuse(appended.id(), Acceptance.JOURNAL_SLOW);
        } catch (ExecutionException e) {
            return refuse(appended.id(), Acceptance.JOURNAL_FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(appended.id(), Acceptance.JOURNAL_SLOW);
        }
    }

    private Refused refuse(long id, Acceptance why) {
        journal.done(id);
        events.refused();
        return new Refused(why);
    }

    /** The ticket of entry {@code id}: a query accepted now, or read back from the journal at start. */
    public Ticket ticket(long id) {
        return Ticket.once(() -> journal.done(id));
    }
}
