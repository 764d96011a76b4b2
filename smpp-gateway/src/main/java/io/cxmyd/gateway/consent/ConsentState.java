package io.cxmyd.gateway.consent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the gateway remembers of one subscriber's consent conversation, immutable. Holds no number (the
 * store keys it by a keyed hash), no code and no itinerary: only times and a count.
 *
 * @param pendingUntil when the pending query's prompt expires, or {@code null} when none is pending
 * @param wrongCodes wrong ID codes on {@code wrongDay}
 * @param wrongDay the day (in the rules' zone) {@code wrongCodes} counts, or {@code null}
 * @param lockedUntil the end of the day of the lockout, or {@code null}
 */
public record ConsentState(Instant pendingUntil, int wrongCodes, LocalDate wrongDay, Instant lockedUntil) {

    static final ConsentState EMPTY = new ConsentState(null, 0, null, null);

    /** Whether there is nothing left to remember: the store drops the entry. */
    boolean isEmpty() {
        return pendingUntil == null && wrongCodes == 0 && lockedUntil == null;
    }

    boolean pending() {
        return pendingUntil != null;
    }

    boolean locked() {
        return lockedUntil != null;
    }

    ConsentState withPendingUntil(Instant until) {
        return new ConsentState(until, wrongCodes, wrongDay, lockedUntil);
    }

    /**
     * How long the store must keep this state at least: the latest of the pending expiry, the lockout and
     * the end of the day the wrong codes count for ({@code endOfWrongDay}).
     */
    Instant retainUntil(Instant endOfWrongDay) {
        Instant until = Instant.MIN;
        if (pendingUntil != null) {
            until = pendingUntil;
        }
        if (lockedUntil != null && lockedUntil.isAfter(until)) {
            until = lockedUntil;
        }
        if (wrongCodes > 0 && endOfWrongDay != null && endOfWrongDay.isAfter(until)) {
            until = endOfWrongDay;
        }
        return until;
    }
}
