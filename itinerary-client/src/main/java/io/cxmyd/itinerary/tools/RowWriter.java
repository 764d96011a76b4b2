package io.cxmyd.itinerary.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes CSV rows as bytes into a large buffer. A 50-million-row file written with
 * {@code String.format} or even string concatenation spends most of its time making garbage; digits and
 * dates are written here straight into the buffer.
 */
final class RowWriter implements AutoCloseable {

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 20];
    private int n;

    RowWriter(OutputStream out) {
        this.out = out;
    }

    RowWriter bytes(byte[] b) throws IOException {
        ensure(b.length);
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
        return this;
    }

    RowWriter text(String s) throws IOException {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    RowWriter ch(char c) throws IOException {
        ensure(1);
        buf[n++] = (byte) c;
        return this;
    }

    /** {@code value} as exactly {@code width} decimal digits, zero-padded. */
    RowWriter digits(long value, int width) throws IOException {
        ensure(width);
        for (int i = n + width - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        n += width;
        return this;
    }

    /** An ISO-8601 date-time with offset: {@code 2026-11-15T08:00:00+08:00}. */
    RowWriter time(long epochSecond, int offsetSeconds) throws IOException {
        long local = epochSecond + offsetSeconds;
        long day = Math.floorDiv(local, 86_400);
        int secondOfDay = (int) Math.floorMod(local, 86_400);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(day);
        digits(date.getYear(), 4).ch('-').digits(date.getMonthValue(), 2).ch('-').digits(date.getDayOfMonth(), 2);
        ch('T').digits(secondOfDay / 3600, 2).ch(':').digits(secondOfDay / 60 % 60, 2).ch(':')
                .digits(secondOfDay % 60, 2);
        int abs = Math.abs(offsetSeconds);
        return ch(offsetSeconds < 0 ? '-' : '+').digits(abs / 3600, 2).ch(':').digits(abs / 60 % 60, 2);
    }

    RowWriter endRow() throws IOException {
        return ch('\n');
    }

    private void ensure(int len) throws IOException {
        if (n + len > buf.length) {
            flush();
        }
    }

    void flush() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
