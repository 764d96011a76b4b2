package io.cxmyd.gateway.smpp;

/** The receiving side of the carriers' binds, as the delivery package sees it. */
public interface CarrierLinks {

    /**
     * Sends one deliver_sm on a receiver or transceiver bind of {@code part.carrierId()} (round-robin over
     * its binds) and waits for the response. Blocking: call it from a sender thread, never a PDU thread.
     */
    DeliveryResult deliver(OutboundPart part);

    /** Whether {@code carrierId} has at least one bind that can take deliver_sm. */
    boolean canDeliver(String carrierId);
}
