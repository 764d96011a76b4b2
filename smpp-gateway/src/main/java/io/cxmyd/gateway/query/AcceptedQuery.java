package io.cxmyd.gateway.query;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Ticket;
import io.cxmyd.itinerary.Msisdn;
import java.util.Objects;

/**
 * A query past admission and durably accepted: what the rooms after acceptance take.
 *
 * @param message as received
 * @param sender the subscriber
 * @param text the decoded text
 * @param ticket its journal entry, ended exactly once by whoever finishes it
 * @param live taken now (the per-subscriber limit applies), not replayed from the journal (it applied then)
 */
public record AcceptedQuery(InboundMessage message, Msisdn sender, String text, Ticket ticket, boolean live) {

    public AcceptedQuery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ticket, "ticket");
    }

    public String carrierId() {
        return message.carrierId();
    }
}
