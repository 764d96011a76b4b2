package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Ticket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link AcceptLog} on a local {@link Journal}: each query's ticket holds its entry id. */
public final class JournalAcceptLog implements AcceptLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalAcceptLog.class);

    private final Journal journal;
    private final Duration commitTimeout;
    private final JournalEvents events;
    private final ScheduledExecutorService timeouts;

    public JournalAcceptLog(Journal journal, Duration commitTimeout, JournalEvents events) {
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

    /** The writer thread does the I/O: the caller only queues the record. */
    @Override
    public boolean acceptsWithoutWaiting() {
        return true;
    }

    /**
     * The accept without a waiting thread: the journal's completion answers, or the commit timeout, whichever
     * comes first (the loser changes nothing). A timed-out record may still reach the disk: it is cancelled
     * with a "done", as {@link #accept} does.
     */
    @Override
    public CompletionStage<Result> acceptLater(InboundMessage message) {
        long start = System.nanoTime();
        Journal.Appended appended = journal.append(message);
        CompletableFuture<Result> answer = new CompletableFuture<>();
        // Whoever decides first does its bookkeeping, then completes: the caller sees the counts already moved.
        AtomicBoolean decided = new AtomicBoolean();
        ScheduledFuture<?> timeout = timeouts.schedule(() -> {
            if (decided.compareAndSet(false, true)) {
                log.warn("[{}] journal commit took longer than {}: query refused", message.carrierId(),
                        commitTimeout);
                journal.done(appended.id());
                events.refused();
                answer.complete(new Refused(Acceptance.JOURNAL_SLOW));
            }
        }, commitTimeout.toNanos(), TimeUnit.NANOSECONDS);
        appended.durable().whenComplete((ok, error) -> {
            timeout.cancel(false);
            if (!decided.compareAndSet(false, true)) {
                return;
            }
            if (error == null) {
                events.committed(System.nanoTime() - start);
                answer.complete(new Recorded(ticket(appended.id())));
            } else {
                journal.done(appended.id());
                events.refused();
                answer.complete(new Refused(Acceptance.JOURNAL_FAILED));
            }
        });
        return answer;
    }

    /** On the journal's completer, after each batch's responses (docs/performance.md, eighth run). */
    @Override
    public Executor afterAccept(Executor elsewhere) {
        return journal.afterCompletion(elsewhere);
    }

    /** Stops the commit timers (the journal itself is closed by its owner). */
    @Override
    public void close() {
        timeouts.shutdownNow();
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
