package io.cxmyd.itinerary.source.local;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses ISO-8601 date-times with an offset ({@code 2026-11-15T08:00:00+08:00}) from bytes to epoch
 * seconds. The common shape ({@code yyyy-MM-ddTHH:mm:ss}, optional fraction, {@code Z} or {@code ±HH:MM})
 * is read by hand without allocating: it is the costliest column of {@code signaling.csv}, and
 * {@code OffsetDateTime.parse} would dominate the load time. Anything else falls back to the JDK's
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, so the accepted set is exactly the JDK's. Fractions of a
 * second are dropped: the rules work in whole seconds.
 */
final class IsoTime {

    /** Returned for text that is not an ISO-8601 date-time with offset. */
    static final long INVALID = Long.MIN_VALUE;

    private IsoTime() {
    }

    static long parse(byte[] b, int from, int to) {
        long fast = parseFast(b, from, to);
        if (fast != INVALID) {
            return fast;
        }
        try {
            String text = new String(b, from, to - from, StandardCharsets.UTF_8);
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    private static long parseFast(byte[] b, int p, int to) {
        if (to - p < 20 || b[p + 4] != '-' || b[p + 7] != '-' || b[p + 10] != 'T' || b[p + 13] != ':'
                || b[p + 16] != ':') {
            return INVALID;
        }
        int year = digits(b, p, 4);
        int month = digits(b, p + 5, 2);
        int day = digits(b, p + 8, 2);
        int hour = digits(b, p + 11, 2);
        int minute = digits(b, p + 14, 2);
        int second = digits(b, p + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > lengthOfMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        int q = p + 19;
        if (b[q] == '.') {
            q++;
            int digitsStart = q;
            while (q < to && b[q] >= '0' && b[q] <= '9') {
                q++;
            }
            if (q == digitsStart || q - digitsStart > 9) {
                return INVALID;
            }
        }
        int offsetSeconds;
        if (q + 1 == to && b[q] == 'Z') {
            offsetSeconds = 0;
        } else if (q + 6 == to && (b[q] == '+' || b[q] == '-') && b[q + 3] == ':') {
            int oh = digits(b, q + 1, 2);
            int om = digits(b, q + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return INVALID;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (b[q] == '-' ? -1 : 1);
        } else {
            return INVALID;
        }
        return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    }

    /** Non-negative value of {@code n} decimal digits, or -1 when any byte is not a digit. */
    private static int digits(byte[] b, int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[p + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }
}
