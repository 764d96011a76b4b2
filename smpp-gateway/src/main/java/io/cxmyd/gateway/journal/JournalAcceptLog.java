package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.delivery.Reply;
import io.cxmyd.gateway.smpp.InboundMessage;
import io.cxmyd.gateway.smpp.SmppStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link AcceptLog} on a {@link Journal}: remembers which entry each query and reply in flight is. */
public final class JournalAcceptLog implements AcceptLog {

    private static final Logger log = LoggerFactory.getLogger(JournalAcceptLog.class);

    /** What the acceptance path reports, for metrics. */
    public interface Events {
        /** A query was recorded; the PDU thread waited {@code nanos} for the fsync. */
        default void committed(long nanos) {
        }

        /** A query could not be recorded in time or at all and was refused. */
        default void refused() {
        }
    }

    private final Journal journal;
    private final Duration commitTimeout;
    private final Events events;
    private final Map<InboundMessage, Long> queries = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Reply, Long> replies = Collections.synchronizedMap(new IdentityHashMap<>());

    public JournalAcceptLog(Journal journal, Duration commitTimeout, Events events) {
        this.journal = journal;
        this.commitTimeout = commitTimeout;
        this.events = events;
    }

    @Override
    public SmppStatus accept(InboundMessage message) {
        long start = System.nanoTime();
        Journal.Appended appended = journal.append(message);
        // Registered before the wait: the query must be findable as soon as the worker may see it.
        queries.put(message, appended.id());
        try {
            appended.durable().get(commitTimeout.toNanos(), TimeUnit.NANOSECONDS);
            events.committed(System.nanoTime() - start);
            return SmppStatus.ESME_ROK;
        } catch (TimeoutException e) {
            // The record may still reach the disk: cancel it, so a restart does not answer a query refused.
            log.warn("[{}] journal commit took longer than {}: query refused", message.carrierId(), commitTimeout);
            forget(message, appended.id());
            return SmppStatus.ESME_RX_T_APPN;
        } catch (ExecutionException e) {
            forget(message, appended.id());
            return SmppStatus.ESME_RSYSERR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget(message, appended.id());
            return SmppStatus.ESME_RX_T_APPN;
        }
    }

    private void forget(InboundMessage message, long id) {
        queries.remove(message);
        journal.done(id);
        events.refused();
    }

    /** A query read back from the journal at start, about to be processed again. */
    public void adopt(JournalRecord.Accepted entry) {
        queries.put(entry.message(), entry.id());
    }

    @Override
    public void settled(InboundMessage message) {
        Long id = queries.remove(message);
        if (id != null) {
            journal.done(id);
        }
    }

    @Override
    public void replying(InboundMessage message, Reply reply) {
        Long id = queries.remove(message);
        if (id != null) {
            replies.put(reply, id);
        }
    }

    @Override
    public void replyEnded(Reply reply) {
        Long id = replies.remove(reply);
        if (id != null) {
            journal.done(id);
        }
    }
}
