package io.cxmyd.itinerary.source;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.cache.DayValue;
import io.cxmyd.itinerary.rules.DataDay;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A source that holds each subscriber's value for a data day already computed (the store the Spark job
 * fills, docs/batch.md): the client takes the value as it is, and runs only the account rules on it.
 */
public interface PrecomputedSource extends ItinerarySource {

    /**
     * {@code msisdn}'s value for {@code day}; empty when the store does not have the number. Fails with
     * {@link SourceException} when the store is down or slow.
     */
    CompletableFuture<Optional<DayValue>> fetchComputed(Msisdn msisdn, DataDay day);

    /** Events are not kept: a precomputed source is read through {@link #fetchComputed} only. */
    @Override
    default CompletableFuture<Optional<SubscriberData>> fetch(Msisdn msisdn, DataDay day) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("a precomputed source has no events"));
    }
}
