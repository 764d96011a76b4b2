package io.cxmyd.itinerary.source;

import java.util.Objects;

/**
 * The source could not answer, for one of the few reasons of {@link Kind}, each with a fixed word usable as a
 * metric label. Messages never hold a phone number in clear.
 */
public final class SourceException extends RuntimeException {

    /** Why the source could not answer. */
    public enum Kind {
        /** No answer within the source timeout. */
        TIMEOUT("timeout"),
        /** The connection to the source could not be made or broke. */
        CONNECT("connect"),
        /** The source answered 5xx. */
        STATUS_5XX("status_5xx"),
        /** The source answered 4xx: usually our request or credentials are wrong, not the source. */
        STATUS_4XX("status_4xx"),
        /** The source answered 2xx with a body we could not read. */
        BAD_RESPONSE("bad_response");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The fixed word of this kind, for logs and metric labels. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public SourceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
