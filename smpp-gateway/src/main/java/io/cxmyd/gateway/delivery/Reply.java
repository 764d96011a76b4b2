package io.cxmyd.gateway.delivery;

import io.cxmyd.gateway.smpp.OutboundPart;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reply to send: its deliver_sm parts in order, all for one carrier.
 *
 * @param carrierId the carrier whose receiver binds carry it
 * @param parts the parts, sent in this order on one sender thread so concatenation stays ordered
 * @param receivedAt when the query arrived (end-to-end latency is measured from here)
 * @param kind a fixed word naming what the reply says (served, no_data, ...), for logs
 */
public record Reply(String carrierId, List<OutboundPart> parts, Instant receivedAt, String kind) {

    public Reply {
        Objects.requireNonNull(carrierId, "carrierId");
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
}
