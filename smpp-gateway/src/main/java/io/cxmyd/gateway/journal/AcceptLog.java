package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Ticket;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where accepted queries are recorded before the carrier hears ESME_ROK, so that a restart answers every
 * query acknowledged and not finished (at-least-once). A recorded query carries its {@link Ticket}: ending
 * it marks the entry done.
 */
@FunctionalInterface
public interface AcceptLog {

    /**
     * Records {@code message} durably, waiting for it on the calling (I/O) thread: {@link Recorded} once it is
     * on the disk (or in the stream), else {@link Refused} with the answer to refuse the query with: the
     * carrier must not count it as ours.
     */
    Result accept(InboundMessage message);

    /**
     * Records {@code message} durably without waiting for it: the stage completes (normally, on whichever
     * thread learns the outcome) with what {@link #accept} would have returned. By default {@link #accept},
     * done at once.
     */
    default CompletionStage<Result> acceptLater(InboundMessage message) {
        return CompletableFuture.completedFuture(accept(message));
    }

    /**
     * Whether {@link #acceptLater} returns without waiting for anything on the caller's thread (no I/O, no
     * lock held across one). False by default, as {@link #accept} may wait.
     */
    default boolean acceptsWithoutWaiting() {
        return false;
    }

    /**
     * Where the work that follows an acknowledged query runs, given {@code elsewhere}, the workers: by default
     * there. A log whose completion runs in batches may run it on that thread after the batch's responses
     * instead, one hand-off per batch rather than per query; only asked for work that never waits.
     */
    default Executor afterAccept(Executor elsewhere) {
        return elsewhere;
    }

    /** How recording one query went. */
    sealed interface Result {
    }

    /** On the disk: the ticket ends the entry. */
    record Recorded(Ticket ticket) implements Result {
        public Recorded {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /** Not recorded (in time): the query is refused with {@code why}. */
    record Refused(Acceptance why) implements Result {
        public Refused {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Nothing recorded: the journal is switched off ({@code journal.enabled: false}). */
    AcceptLog NONE = message -> new Recorded(Ticket.NONE);
}
