package io.cxmyd.gateway.message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reply to send: its parts in order, all for one carrier, and the ticket of the query it answers.
 *
 * @param carrierId the carrier whose link carries it
 * @param parts the parts, sent in this order so concatenation stays ordered
 * @param receivedAt when the query arrived (end-to-end latency is measured from here)
 * @param kind a fixed word naming what the reply says (served, no_data, ...), for logs
 * @param ticket the accepted query's journal entry: ended once the reply has ended for good
 */
public record Reply(String carrierId, List<OutboundPart> parts, Instant receivedAt, String kind, Ticket ticket) {

    public Reply {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(ticket, "ticket");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one part");
        }
        for (OutboundPart p : parts) {
            if (!p.carrierId().equals(carrierId)) {
                throw new IllegalArgumentException("part for carrier " + p.carrierId() + " in a reply for " + carrierId);
            }
        }
    }

    /** A reply that no journal entry stands behind (tests, tools). */
    public Reply(String carrierId, List<OutboundPart> parts, Instant receivedAt, String kind) {
        this(carrierId, parts, receivedAt, kind, Ticket.NONE);
    }
}
