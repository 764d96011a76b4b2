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

    /**
     * {@link #lookup} for a query that came through carrier {@code carrierId}: a number the registry gives to
     * another carrier gets exactly what a number it does not know gets ({@link LookupResult.NoData}), and is
     * reported to {@link LookupEvents#otherCarrier}. A carrier must not read another carrier's subscribers'
     * itineraries (docs/smpp.md). The default, for clients without a registry, cannot tell and only looks up.
     */
    default CompletableFuture<LookupResult> lookup(Msisdn msisdn, Instant at, String carrierId) {
        return lookup(msisdn, at);
    }

    /**
     * The registry's ID hash of {@code msisdn} as of {@code at}, for the {@code id-last4} verification step.
     * Like {@link #lookup}, never completes exceptionally. The default answers {@link IdLast4.Unavailable}:
     * a client that cannot tell never lets a check pass.
     */
    default CompletableFuture<IdLast4> idLast4(Msisdn msisdn, Instant at) {
        return CompletableFuture.completedFuture(new IdLast4.Unavailable(LookupResult.Reason.SOURCE_ERROR));
    }

    /**
     * The carrier the registry has {@code msisdn} on as of {@code at}, or empty when the registry does not
     * know the number or cannot say now (the web channel sends a verification code only to a known number,
     * on its own carrier's link). Never completes exceptionally. The default knows no number.
     */
    default CompletableFuture<java.util.Optional<String>> registeredCarrier(Msisdn msisdn, Instant at) {
        return CompletableFuture.completedFuture(java.util.Optional.empty());
    }

    /** Whether the source has loaded and answers. */
    boolean ready();

    @Override
    void close();
}
