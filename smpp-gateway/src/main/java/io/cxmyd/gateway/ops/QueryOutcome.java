package io.cxmyd.gateway.ops;

/**
 * How one subscriber message ended, as counted by {@code cxmyd_queries_total{outcome}}. Exactly one outcome per
 * message that reached the gateway on a bound link. What a reply counts as is decided in one place:
 * {@code io.cxmyd.gateway.query.Verdict#outcome()}.
 */
public enum QueryOutcome {
    /** An itinerary with at least one qualifying city went out. */
    SERVED("served"),
    /** The account is younger than the required days (FAQ 8): refused with the new-account reply. */
    NEW_ACCOUNT("new_account"),
    /** No event in the window, or a number the registry does not know. */
    NO_DATA("no_data"),
    /** Events in the window, but no city met the 4-hour stay. */
    NOTHING_QUALIFIED("nothing_qualified"),
    /** Over the per-subscriber limit: answered with the try-later reply, no lookup made. */
    THROTTLED("throttled"),
    /** The text did not start with the keyword. */
    UNKNOWN_KEYWORD("unknown_keyword"),
    /** The itinerary source was down or too slow: the subscriber was told to try later. */
    UNAVAILABLE("unavailable"),
    /** Refused at the SMPP level (bad destination, undecodable text): answered with an error status. */
    REJECTED("rejected"),
    /** A consent step asked the subscriber (a prompt, or a wrong ID code with tries left): no itinerary yet. */
    CONSENT_ASKED("consent_asked"),
    /** A consent step ended without the itinerary: cancelled, locked, or no ID on file to verify against. */
    CONSENT_REFUSED("consent_refused");

    private final String label;

    QueryOutcome(String label) {
        this.label = label;
    }

    /** The label value in the scrape. */
    public String label() {
        return label;
    }
}
