package io.cxmyd.itinerary.source.local;

/**
 * A local dataset that cannot be loaded. The message is {@code file:line: reason}
 * ({@code signaling.csv:1234: unknown cell_id "C99"}) so that an operator can open the file at the line;
 * line 0 means the file as a whole (missing, unreadable). Phone numbers in the reason are always masked.
 */
public final class DatasetException extends RuntimeException {

    private final String file;
    private final long line;
    private final String reason;

    private DatasetException(String file, long line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** A malformed row: {@code file} is the file name (not the path), {@code line} 1-based, header = 1. */
    public static DatasetException at(String file, long line, String reason) {
        return new DatasetException(file, line, reason, null);
    }

    /** The file as a whole could not be read. */
    public static DatasetException unreadable(String file, Throwable cause) {
        return new DatasetException(file, 0, "cannot read: " + cause.getMessage(), cause);
    }

    /** The file name, e.g. {@code signaling.csv}. */
    public String file() {
        return file;
    }

    /** The 1-based line number (the header is line 1), or 0 for the file as a whole. */
    public long line() {
        return line;
    }

    /** The reason alone, without {@code file:line: }. */
    public String reason() {
        return reason;
    }
}
