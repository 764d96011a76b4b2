package io.cxmyd.itinerary;

/**
 * What the subscriber registry holds to check the last four characters of a subscriber's ID card (the
 * {@code id-last4} verification step): the keyed hash of {@link IdLast4Hash}, never the characters.
 */
public sealed interface IdLast4 {

    /** The registry has a hash for this number: compare it with {@link IdLast4Hash#matches}. */
    record Registered(String hash) implements IdLast4 {
        public Registered {
            java.util.Objects.requireNonNull(hash, "hash");
        }

        @Override
        public String toString() {
            return "Registered[hash=…]"; // a hash of four characters is guessable: keep it out of logs
        }
    }

    /** The number is unknown to the registry, or known without an ID hash: it cannot be verified. */
    record NotRegistered() implements IdLast4 {
    }

    /** The source is down, slow or not loaded: try again later. */
    record Unavailable(LookupResult.Reason reason) implements IdLast4 {
    }
}
