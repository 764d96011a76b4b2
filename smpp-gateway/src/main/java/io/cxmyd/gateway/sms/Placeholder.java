package io.cxmyd.gateway.sms;

/** A {@code {name}} a reply template may hold; {@link ReplyTemplate} says which ones each template accepts. */
public enum Placeholder {
    /** The carrier's signature, e.g. 【中国移动】 (empty when the carrier has none). */
    SIGNATURE("signature"),
    /** The subscriber, masked: 138****1234. */
    NUMBER("number"),
    /** The data day at the refresh time: 11月21日08:00. */
    UPDATE_TIME("updateTime"),
    /** The window's first day: 11月14日. */
    FIRST_DAY("firstDay"),
    /** The window's last day: 11月20日. */
    LAST_DAY("lastDay"),
    /** The cities, joined with 、, a risk-marked one followed by *, cut with {@code placesMore} when too long. */
    PLACES("places"),
    /** The {@code countries} clause, or nothing when no country was visited. */
    COUNTRIES("countries"),
    /** The notes that apply (ported, virtual operator, risk), in that order. */
    NOTES("notes"),
    /** The account age the service requires, in days (7). */
    DAYS("days"),
    /** The service number the subscriber wrote to (10086). */
    SERVICE_NUMBER("serviceNumber"),
    /** Inside {@code countries}: the countries and regions joined with 、. */
    LIST("list"),
    /** Inside {@code placesMore} / {@code countriesMore}: how many were left out. */
    COUNT("count"),
    /** In consent prompts: how long the subscriber has to answer, in minutes (10). */
    MINUTES("minutes"),
    /** In the wrong-code reply: how many tries are left today. */
    ATTEMPTS("attempts");

    private final String key;

    Placeholder(String key) {
        this.key = key;
    }

    /** The name written between braces in a template. */
    public String key() {
        return key;
    }

    static Placeholder byKey(String key) {
        for (Placeholder p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }
}
