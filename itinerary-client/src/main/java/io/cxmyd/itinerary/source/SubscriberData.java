package io.cxmyd.itinerary.source;

import io.cxmyd.itinerary.rules.EventTrack;

/**
 * A known subscriber and its events around one window (at least one day beyond each edge, so that stays
 * crossing an edge are measured right).
 */
public record SubscriberData(SubscriberProfile profile, EventTrack events) {
}
