package io.cxmyd.itinerary;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The one entry point the gateway calls. Non-blocking: the future completes on the client's own threads,
 * always with a {@link LookupResult}, never exceptionally.
 */
public interface ItineraryClient extends AutoCloseable {

    /**
     * Looks up {@code msisdn}'s itinerary as of {@code at} (the instant the rules use: data day, window,
     * account age).
     */
    CompletableFuture<LookupResult> lookup(Msisdn msisdn, Instant at);

    /** Whether the source has loaded and answers. */
    boolean ready();

    @Override
    void close();
}
