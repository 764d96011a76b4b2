package io.cxmyd.itinerary.source;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the subscriber registry knows of a number.
 *
 * @param carrier carrier id as in the gateway config (china-mobile, china-unicom, china-telecom)
 * @param activatedOn the account's activation date (开户)
 * @param portedOn the port-in date (携号转网), or {@code null}
 * @param idLast4Hash keyed hash of the ID card's last four characters, or {@code null} when not known
 */
public record SubscriberProfile(String carrier, LocalDate activatedOn, LocalDate portedOn, String idLast4Hash) {

    public SubscriberProfile {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(activatedOn, "activatedOn");
    }

    public SubscriberProfile(String carrier, LocalDate activatedOn, LocalDate portedOn) {
        this(carrier, activatedOn, portedOn, null);
    }
}
