package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.delivery.Reply;
import io.cxmyd.gateway.smpp.InboundMessage;
import io.cxmyd.gateway.smpp.SmppStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link AcceptLog} on a {@link Journal}: remembers which entry each query and reply in flight is. */
public final class JournalAcceptLog implements AcceptLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalAcceptLog.class);

    /** What the acceptance path reports, for metrics. */
    public interface Events {
        /** A query was recorded {@code nanos} after it was handed to the journal (its commit wait). */
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
    private final ScheduledExecutorService timeouts;
    private final Map<Reply, Long> replies = Collections.synchronizedMap(new IdentityHashMap<>());

    public JournalAcceptLog(Journal journal, Duration commitTimeout, Events events) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "journal-commit-timeout");
            t.setDaemon(true);
            return t;
        });
        // One timer per query in flight, nearly all cancelled by their commit: keep the queue at those pending.
        timers.setRemoveOnCancelPolicy(true);
        this.timeouts = timers;
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

    /**
     * The accept without a waiting thread: the journal's completion answers, or the commit timeout, whichever
     * comes first (the loser changes nothing). A timed-out record may still reach the disk: it is cancelled
     * with a "done", as {@link #accept} does.
     */
    @Override
    public CompletionStage<SmppStatus> acceptLater(InboundMessage message) {
        long start = System.nanoTime();
        Journal.Appended appended = journal.append(message);
        queries.put(message, appended.id());
        CompletableFuture<SmppStatus> answer = new CompletableFuture<>();
        ScheduledFuture<?> timeout = timeouts.schedule(() -> {
            if (answer.complete(SmppStatus.ESME_RX_T_APPN)) {
                log.warn("[{}] journal commit took longer than {}: query refused", message.carrierId(),
                        commitTimeout);
                forget(message, appended.id());
            }
        }, commitTimeout.toNanos(), TimeUnit.NANOSECONDS);
        appended.durable().whenComplete((ok, error) -> {
            timeout.cancel(false);
            if (error == null) {
                if (answer.complete(SmppStatus.ESME_ROK)) {
                    events.committed(System.nanoTime() - start);
                }
            } else if (answer.complete(SmppStatus.ESME_RSYSERR)) {
                forget(message, appended.id());
            }
        });
        return answer;
    }

    /** Stops the commit timers (the journal itself is closed by its owner). */
    @Override
    public void close() {
        timeouts.shutdownNow();
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
