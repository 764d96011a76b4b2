package io.cxmyd.itinerary.source;

/**
 * The source could not answer. {@link #kind()} is one of a few fixed words, usable as a metric label:
 * {@code timeout}, {@code connect}, {@code status_5xx}, {@code status_4xx}, {@code bad_response}.
 * Messages never hold a phone number in clear.
 */
public final class SourceException extends RuntimeException {

    private final String kind;

    public SourceException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public SourceException(String kind, String message) {
        this(kind, message, null);
    }

    public String kind() {
        return kind;
    }
}
