package io.cxmyd.gateway.ops;

/**
 * What went wrong with the itinerary source, as counted by {@code cxmyd_source_errors_total{kind}}. The words
 * are those of {@code io.cxmyd.itinerary.source.SourceException#kind()}.
 */
public enum SourceErrorKind {
    /** No answer within the source timeout. */
    TIMEOUT("timeout"),
    /** The connection to the source could not be made or broke. */
    CONNECT("connect"),
    /** The source answered 5xx. */
    STATUS_5XX("status_5xx"),
    /** The source answered 4xx: usually our request or credentials are wrong, not the source. */
    STATUS_4XX("status_4xx"),
    /** The source answered 2xx with a body we could not read. */
    BAD_RESPONSE("bad_response"),
    /** A kind this version does not know: one label value, so a new word cannot grow the number of series. */
    OTHER("other");

    private final String label;

    SourceErrorKind(String label) {
        this.label = label;
    }

    /** The label value in the scrape. */
    public String label() {
        return label;
    }

    /** The kind named by {@code label}, else {@link #OTHER}. */
    public static SourceErrorKind fromLabel(String label) {
        for (SourceErrorKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        return OTHER;
    }
}
