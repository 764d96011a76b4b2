package io.cxmyd.itinerary.source;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.rules.DataDay;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where a subscriber's registry record and signaling events come from: the embedded dataset
 * ({@code local}) or the carrier platform's HTTP API ({@code http}).
 */
public interface ItinerarySource extends AutoCloseable {

    /**
     * The subscriber's profile and events around {@code day}'s window; empty when the number is unknown.
     * The future fails with {@link SourceException} when the source is down, slow or answers garbage.
     */
    CompletableFuture<Optional<SubscriberData>> fetch(Msisdn msisdn, DataDay day);

    /** Display-area ids that the risk list marks (itinerary-rules.md §6); empty when none is configured. */
    default Set<Integer> riskAreaIds() {
        return Set.of();
    }

    /** Whether the source has loaded and answers. */
    boolean ready();

    @Override
    void close();
}
