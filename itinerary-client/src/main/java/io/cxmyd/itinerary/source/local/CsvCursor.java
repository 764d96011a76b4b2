package io.cxmyd.itinerary.source.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file line by line over raw bytes and splits each line into fields in place.
 *
 * <p>Why bytes and not {@code BufferedReader}/{@code String.split}: {@code signaling.csv} holds tens of
 * millions of rows, and a String (plus its array) per line and per field is what makes a naive loader
 * crawl at a few hundred thousand rows a second and churn the young generation. Here a row costs no
 * allocation at all: the caller reads a field's bytes straight from {@link #buffer()}.
 *
 * <p>What it tolerates, because spreadsheet tools and CSV libraries write it: a UTF-8 byte order mark,
 * CRLF line ends, a last line without a line end, quoted fields with doubled quotes inside ({@code "a""b"}).
 * Empty lines are not rows and are passed over (they still count for line numbers). A line break inside
 * a quoted field is not supported: no value of this format can hold one, so it is reported as an
 * unterminated quote on that line.
 */
final class CsvCursor implements AutoCloseable {

    static final int MAX_FIELDS = 64;
    private static final int BUFFER = 1 << 20;

    private final String file;
    private final InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean first = true;
    private long line;
    private int fields;
    private final int[] starts = new int[MAX_FIELDS];
    private final int[] ends = new int[MAX_FIELDS];

    private CsvCursor(String file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    static CsvCursor open(Path path) {
        String name = path.getFileName().toString();
        try {
            return new CsvCursor(name, Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw DatasetException.at(name, 0, "missing (expected at " + path.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw DatasetException.unreadable(name, e);
        }
    }

    /** A cursor over bytes already in memory (tests and small files). */
    static CsvCursor of(String file, byte[] content) {
        return new CsvCursor(file, new java.io.ByteArrayInputStream(content));
    }

    /**
     * A cursor over single lines handed to {@link #line} (the Spark job reads files split across machines,
     * a line at a time), splitting them exactly as {@link #next} splits a file's.
     */
    static CsvCursor forLines(String file) {
        CsvCursor c = new CsvCursor(file, java.io.InputStream.nullInputStream());
        c.buf = new byte[0];
        return c;
    }

    /**
     * Splits {@code length} bytes of {@code bytes} (one line, without its line end; a trailing CR is
     * dropped) as line {@code lineNumber}; false for an empty line, which is not a row. The fields then
     * point into {@code bytes}, which this call may rewrite (quotes are unescaped in place).
     */
    boolean line(byte[] bytes, int length, long lineNumber) {
        buf = bytes;
        line = lineNumber;
        int end = length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        split(0, end);
        return true;
    }

    String file() {
        return file;
    }

    /** The 1-based line number of the current row. */
    long line() {
        return line;
    }

    int fieldCount() {
        return fields;
    }

    /** The bytes the current row's fields point into; valid until the next {@link #next()}. */
    byte[] buffer() {
        return buf;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    int length(int field) {
        return ends[field] - starts[field];
    }

    String text(int field) {
        return new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    DatasetException error(String reason) {
        return DatasetException.at(file, line, reason);
    }

    /**
     * Reads the header and checks that it names {@code required} columns; returns all column names in file
     * order (lower case, trimmed) so that the caller can find optional ones.
     */
    List<String> header(String... required) {
        if (!next()) {
            throw DatasetException.at(file, 1, "empty file, expected a header row " + String.join(",", required));
        }
        List<String> names = new ArrayList<>(fields);
        for (int i = 0; i < fields; i++) {
            names.add(text(i).strip().toLowerCase(java.util.Locale.ROOT));
        }
        for (String column : required) {
            if (!names.contains(column)) {
                throw error("header: expected columns " + String.join(",", required) + ", found \""
                        + String.join(",", names) + "\" (missing " + column + ")");
            }
        }
        return names;
    }

    /** Advances to the next non-empty line and splits it; false at the end of the file. */
    boolean next() {
        while (true) {
            int lineStart = pos;
            int nl = indexOfNewline(lineStart);
            if (nl < 0) {
                if (!eof && fill()) {
                    continue;
                }
                if (pos >= limit) {
                    return false;
                }
                nl = limit; // last line without a line end
            }
            line++;
            pos = nl < limit ? nl + 1 : limit;
            int lineEnd = nl;
            if (lineEnd > lineStart && buf[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd == lineStart) {
                continue;
            }
            split(lineStart, lineEnd);
            return true;
        }
    }

    private int indexOfNewline(int from) {
        byte[] b = buf;
        for (int i = from, n = limit; i < n; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread tail to the front and reads more; false when nothing more could be read. */
    private boolean fill() {
        int rest = limit - pos;
        if (rest == buf.length) {
            throw DatasetException.at(file, line + 1, "line longer than " + buf.length + " bytes");
        }
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        limit = rest;
        try {
            int wanted = buf.length - limit;
            int n = in.readNBytes(buf, limit, wanted);
            eof = n < wanted; // readNBytes reads short only at the end of the stream
            limit += Math.max(n, 0);
            if (first) {
                first = false;
                if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                    pos = 3; // UTF-8 byte order mark, as Excel writes it
                }
            }
            return n > 0;
        } catch (IOException e) {
            throw DatasetException.unreadable(file, e);
        }
    }

    private void split(int from, int to) {
        byte[] b = buf;
        int p = from;
        int n = 0;
        while (true) {
            if (n == MAX_FIELDS) {
                throw error("more than " + MAX_FIELDS + " fields");
            }
            if (p < to && b[p] == '"') {
                // Unescape in place: the unquoted value is never longer than its quoted form.
                int w = p;
                int q = p + 1;
                while (true) {
                    if (q >= to) {
                        throw error("field " + (n + 1) + ": unterminated quoted field");
                    }
                    byte c = b[q];
                    if (c == '"') {
                        if (q + 1 < to && b[q + 1] == '"') {
                            b[w++] = '"';
                            q += 2;
                            continue;
                        }
                        q++;
                        break;
                    }
                    b[w++] = c;
                    q++;
                }
                starts[n] = p;
                ends[n] = w;
                n++;
                if (q == to) {
                    break;
                }
                if (b[q] != ',') {
                    throw error("field " + n + ": text after the closing quote");
                }
                p = q + 1;
            } else {
                int q = p;
                while (q < to && b[q] != ',') {
                    q++;
                }
                starts[n] = p;
                ends[n] = q;
                n++;
                if (q == to) {
                    break;
                }
                p = q + 1;
            }
        }
        fields = n;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was written; a failed close of a read-only file changes no outcome
        }
    }
}
