package io.cxmyd.gateway.ops;

import io.cxmyd.itinerary.source.SourceException;

/**
 * What went wrong with the itinerary source, as counted by {@code cxmyd_source_errors_total{kind}}: the
 * source's {@link SourceException.Kind}, mapped once by {@link #of}.
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
    /** A failure without a kind: kept as one label value so the series stay as the dashboards know them. */
    OTHER("other");

    private final String label;

    SourceErrorKind(String label) {
        this.label = label;
    }

    /** The label value in the scrape. */
    public String label() {
        return label;
    }

    /** The metric's kind of a source failure; {@code null} (no kind) is {@link #OTHER}. */
    public static SourceErrorKind of(SourceException.Kind kind) {
        if (kind == null) {
            return OTHER;
        }
        return switch (kind) {
            case TIMEOUT -> TIMEOUT;
            case CONNECT -> CONNECT;
            case STATUS_5XX -> STATUS_5XX;
            case STATUS_4XX -> STATUS_4XX;
            case BAD_RESPONSE -> BAD_RESPONSE;
        };
    }
}
