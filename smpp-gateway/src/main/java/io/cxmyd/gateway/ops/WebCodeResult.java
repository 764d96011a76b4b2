package io.cxmyd.gateway.ops;

/**
 * What became of a verification code request or check of the web channel, as counted by
 * {@code cxmyd_web_codes_total{result}} (docs/web.md).
 */
public enum WebCodeResult {
    /** A well-formed number asked for a code (known to the registry or not). */
    ASKED("asked"),
    /** A code SMS was queued on the carrier's link (only numbers the registry knows get one). */
    SENT("sent"),
    /** A code was checked and right: a session opened. */
    VERIFIED("verified"),
    /** A code was checked and wrong, expired, used or dead. */
    FAILED("failed"),
    /** A request was refused by the per-number gap or a budget (429). */
    REFUSED("refused");

    private final String label;

    WebCodeResult(String label) {
        this.label = label;
    }

    /** The label value in the scrape. */
    public String label() {
        return label;
    }
}
