package io.cxmyd.gateway.sms;

import io.cxmyd.itinerary.LookupResult;

/** The kinds of reply the gateway sends. Label values for metrics. */
public enum ReplyKind {
    FOUND("found"),
    NOTHING_QUALIFIED("nothing_qualified"),
    NEW_ACCOUNT("new_account"),
    NO_DATA("no_data"),
    UNAVAILABLE("unavailable"),
    USAGE("usage"),
    TOO_FREQUENT("too_frequent"),
    /** A consent prompt: reply Y, or the ID card's last four characters. */
    CONSENT_PROMPT("consent_prompt"),
    CONSENT_WRONG_CODE("consent_wrong_code"),
    CONSENT_LOCKED("consent_locked"),
    CONSENT_CANCELLED("consent_cancelled"),
    CONSENT_UNVERIFIABLE("consent_unverifiable");

    private final String label;

    ReplyKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind of reply a lookup ends in. */
    public static ReplyKind of(LookupResult result) {
        if (result instanceof LookupResult.Found found) {
            return found.itinerary().nothingQualified() ? NOTHING_QUALIFIED : FOUND;
        }
        if (result instanceof LookupResult.NewAccount) {
            return NEW_ACCOUNT;
        }
        if (result instanceof LookupResult.NoData) {
            return NO_DATA;
        }
        return UNAVAILABLE;
    }
}
