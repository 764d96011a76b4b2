package io.cxmyd.itinerary;

/**
 * What the client reports about its own work, so the application can count it (the gateway turns these
 * into Prometheus meters; the library itself names no metric). Implementations must be cheap and must not
 * throw: they run on the lookup path.
 */
public interface LookupEvents {

    /** A request to one tier: a hit or a miss. */
    default void cacheRequest(Tier tier, boolean hit) {
    }

    /** A lookup answered from {@code tier}, {@code nanos} after it started. */
    default void lookupCompleted(Tier tier, long nanos) {
    }

    /** Redis became reachable ({@code true}) or unreachable ({@code false}). */
    default void redisAvailability(boolean up) {
    }

    /** The source failed for {@code kind}. */
    default void sourceError(io.cxmyd.itinerary.source.SourceException.Kind kind) {
    }

    /** A query through {@code carrierId} for a number the registry gives to another carrier: answered as unknown. */
    default void otherCarrier(String carrierId) {
    }

    LookupEvents NONE = new LookupEvents() {
    };
}
