package io.cxmyd.gateway.smpp;

import java.time.Instant;
import java.util.Objects;

/**
 * One bound SMPP session as the admin view shows it: a snapshot, not a handle.
 *
 * @param carrierId the carrier it authenticated as
 * @param type transmitter, receiver or transceiver
 * @param remoteAddress the peer's address and port ({@code 10.1.2.3:40112}): a carrier's SMSC, never a subscriber
 * @param since when the bind was accepted
 * @param inFlight deliver_sm sent on this bind and not yet answered
 */
public record BindInfo(String carrierId, BindType type, String remoteAddress, Instant since, int inFlight) {

    public BindInfo {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(since, "since");
    }
}
