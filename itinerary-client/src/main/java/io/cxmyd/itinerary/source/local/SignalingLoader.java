package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.Msisdn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code signaling.csv} into an {@link EventStore}. The hot loop of the whole load: it touches only
 * the read buffer and primitive arrays, so that a row costs a few hash probes and no allocation.
 *
 * <p>A row for a number that {@code subscribers.csv} does not list is an error, not a skip: the two files
 * are one extract, and such a row means the extract is inconsistent (a truncated subscriber file, a
 * number typed wrong); dropping it would quietly turn that subscriber into "no data".
 */
final class SignalingLoader {

    static final String FILE = "signaling.csv";
    private static final int AVERAGE_ROW_BYTES = 44;

    private SignalingLoader() {
    }

    static EventStore load(Path dir, SubscriberTable subscribers, CellTable cells) {
        Path path = dir.resolve(FILE);
        int capacity = initialCapacity(path);
        int[] rows = new int[capacity];
        int[] times = new int[capacity];
        char[] areas = new char[capacity];
        int[] perRow = new int[subscribers.size()];
        int n = 0;
        long base = Long.MIN_VALUE;
        long lastKey = Long.MIN_VALUE; // never a key, nor the -1 of a malformed number
        int lastRow = -1;
        try (CsvCursor csv = CsvCursor.open(path)) {
            List<String> header = csv.header("msisdn", "time", "cell_id");
            int fields = header.size();
            int msisdnCol = header.indexOf("msisdn");
            int timeCol = header.indexOf("time");
            int cellCol = header.indexOf("cell_id");
            while (csv.next()) {
                if (csv.fieldCount() != fields) {
                    throw csv.error("expected " + fields + " fields, found " + csv.fieldCount());
                }
                byte[] b = csv.buffer();
                long key = MsisdnIndex.key(b, csv.start(msisdnCol), csv.end(msisdnCol));
                int row;
                if (key == lastKey) {
                    row = lastRow; // exports are usually grouped by number: skip the probe
                } else {
                    if (key < 0) {
                        throw csv.error("msisdn: not an 11-digit mainland mobile number \""
                                + Msisdn.mask(csv.text(msisdnCol)) + "\"");
                    }
                    row = subscribers.indexOf(key);
                    if (row < 0) {
                        throw csv.error("msisdn " + Msisdn.mask(csv.text(msisdnCol)) + " is not in "
                                + SubscriberTable.FILE);
                    }
                    lastKey = key;
                    lastRow = row;
                }
                long seconds = IsoTime.parse(b, csv.start(timeCol), csv.end(timeCol));
                if (seconds == IsoTime.INVALID) {
                    throw csv.error("time: not an ISO-8601 date-time with offset \"" + csv.text(timeCol) + "\"");
                }
                if (base == Long.MIN_VALUE) {
                    base = seconds;
                }
                long relative = seconds - base;
                if (relative != (int) relative) {
                    throw csv.error("time: more than 68 years away from the first row's \"" + csv.text(timeCol)
                            + "\"");
                }
                int area = cells.areaOf(b, csv.start(cellCol), csv.end(cellCol));
                if (area < 0) {
                    throw csv.error("unknown cell_id \"" + csv.text(cellCol) + "\"");
                }
                if (n == rows.length) {
                    int size = (int) Math.min(Integer.MAX_VALUE - 8, n + (n >> 1) + 16L);
                    if (size == n) {
                        throw csv.error("more than " + n + " events: split the dataset");
                    }
                    rows = Arrays.copyOf(rows, size);
                    times = Arrays.copyOf(times, size);
                    areas = Arrays.copyOf(areas, size);
                }
                rows[n] = row;
                times[n] = (int) relative;
                areas[n] = (char) area;
                perRow[row]++;
                n++;
            }
        }
        return EventStore.group(base == Long.MIN_VALUE ? 0 : base, rows, times, areas, n, perRow);
    }

    /** Enough slots for a typical export, so that a big file is not copied while it grows. */
    private static int initialCapacity(Path path) {
        try {
            long bytes = Files.size(path);
            return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, bytes / AVERAGE_ROW_BYTES + 1024));
        } catch (IOException e) {
            return 1024; // opening it will report the problem with the file name
        }
    }
}
