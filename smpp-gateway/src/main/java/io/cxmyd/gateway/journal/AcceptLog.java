package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.delivery.Reply;
import io.cxmyd.gateway.smpp.InboundMessage;
import io.cxmyd.gateway.smpp.SmppStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where accepted queries are recorded before the carrier hears ESME_ROK, and marked done when their reply
 * has ended, so that a restart answers every query acknowledged and not finished (at-least-once).
 * Queries and replies are followed by identity: the objects the query path already carries.
 */
public interface AcceptLog {

    /**
     * Records {@code message} durably, waiting for it on the calling (PDU) thread. Returns ESME_ROK once it
     * is on the disk, else the status to refuse the query with: the carrier must not count it as ours.
     */
    SmppStatus accept(InboundMessage message);

    /**
     * Records {@code message} durably without waiting for it: the stage completes (normally, on whichever
     * thread learns the outcome) with ESME_ROK once it is on the disk, else with the status to refuse the
     * query with. By default the waiting {@link #accept}, done at once.
     */
    default CompletionStage<SmppStatus> acceptLater(InboundMessage message) {
        return CompletableFuture.completedFuture(accept(message));
    }

    /** The query ended without a reply to send (throttled into silence, refused after all). */
    void settled(InboundMessage message);

    /** The query's reply is about to be queued: the reply's end settles the query. */
    void replying(InboundMessage message, Reply reply);

    /**
     * The reply ended for good: acknowledged by the carrier, rejected, or expired. Not to be called when
     * it was dropped because the gateway is stopping: it must then be sent again after the next start.
     */
    void replyEnded(Reply reply);

    /** Nothing recorded: the journal is switched off ({@code journal.enabled: false}). */
    AcceptLog NONE = new AcceptLog() {
        @Override
        public SmppStatus accept(InboundMessage message) {
            return SmppStatus.ESME_ROK;
        }

        @Override
        public void settled(InboundMessage message) {
        }

        @Override
        public void replying(InboundMessage message, Reply reply) {
        }

        @Override
        public void replyEnded(Reply reply) {
        }
    };
}
