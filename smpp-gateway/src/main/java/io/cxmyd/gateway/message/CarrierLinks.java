package io.cxmyd.gateway.message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One kind of carrier link as the delivery package sees it: sends one part of a reply and tells when a
 * carrier can take parts again. Server mode implements it with deliver_sm on the carriers' receiver binds;
 * ESME mode with submit_sm on the gateway's binds out.
 */
public interface CarrierLinks {

    /**
     * Sends one part on a link of {@code part.carrierId()} (round-robin over its links) and waits for the
     * response. Blocking: call it from a sender thread, never an I/O thread.
     */
    DeliveryResult deliver(OutboundPart part);

    /**
     * Sends one part like {@link #deliver} and completes with its result. Links that can keep parts in flight
     * without a thread each ({@link #pipelines}) return before the response, and complete on their I/O thread:
     * what is chained on the result must not block. By default, {@link #deliver} on the calling thread.
     */
    default CompletionStage<DeliveryResult> deliverLater(OutboundPart part) {
        return CompletableFuture.completedFuture(deliver(part));
    }

    /**
     * Whether {@link #deliverLater}, called now, returns without waiting: before the carrier's response, and
     * with room to write (so it may be called from a thread that must not wait, and one thread can keep a
     * whole window in flight). May change from one call to the next.
     */
    default boolean pipelines(String carrierId) {
        return false;
    }

    /** Whether {@code carrierId} has at least one link that can take a part now. */
    boolean canDeliver(String carrierId);

    /**
     * Asks to be told, with the carrier's id, whenever a link that can take parts comes up, so replies that
     * wait for one go at once. Links that cannot tell need not: waiting replies look again on their own.
     */
    default void onReceiving(Consumer<String> carrierUp) {
    }
}
