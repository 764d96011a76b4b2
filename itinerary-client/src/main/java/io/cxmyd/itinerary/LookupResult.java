package io.cxmyd.itinerary;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

/** What a lookup ends in: exactly one of these, never an exception. */
public sealed interface LookupResult {

    Msisdn msisdn();

    /** An itinerary (possibly with no qualifying city: {@link Itinerary#nothingQualified()}). */
    record Found(Itinerary itinerary) implements LookupResult {
        @Override
        public Msisdn msisdn() {
            return itinerary.msisdn();
        }
    }

    /** Activated less than {@code requiredDays} before the query date: refused (FAQ 8). */
    record NewAccount(Msisdn msisdn, LocalDate activatedOn, int requiredDays) implements LookupResult {
    }

    /**
     * No event in the window, or a number the registry does not know: the same reply (§5), with the
     * FAQ's advice.
     */
    record NoData(Msisdn msisdn, LocalDate dataDay, LocalDateTime updateTime, Set<Note> notes)
            implements LookupResult {
        public NoData {
            notes = Set.copyOf(notes);
        }
    }

    /** The source is down or too slow: the subscriber is told to try later. */
    record Unavailable(Msisdn msisdn, Reason reason) implements LookupResult {
    }

    enum Reason {
        TIMEOUT,
        SOURCE_ERROR,
        NOT_READY
    }
}
