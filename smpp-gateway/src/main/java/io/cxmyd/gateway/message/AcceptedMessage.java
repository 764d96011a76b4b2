package io.cxmyd.gateway.message;

import java.util.Objects;

/** A message an earlier run (or another instance) accepted durably, read back with the ticket of its entry. */
public record AcceptedMessage(InboundMessage message, Ticket ticket) {

    public AcceptedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ticket, "ticket");
    }
}
