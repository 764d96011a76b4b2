package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.Msisdn;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code signaling.csv} into an {@link EventStore}. The hot loop of the whole load: it touches only
 * the read buffer and primitive arrays, so that a row costs a few hash probes and no allocation.
 *
 * <p>The file is read twice. The first read validates every row (so that a malformed row is reported with
 * its file and line before anything is allocated) and counts the events of each subscriber; the second
 * writes each event straight into its subscriber's slice of arrays of the exact final size. Why not once:
 * one read must hold the events in file order (row, time, area: ten bytes an event) and then copy them
 * into groups (six more), sixteen bytes an event at the peak where the store keeps six: 50 million events
 * then need 800 MB while loading for 300 MB kept. Reading twice costs a second parse (the parse runs at
 * several million rows a second) and keeps the peak at the store itself.
 *
 * <p>A row for a number that {@code subscribers.csv} does not list is an error, not a skip: the two files
 * are one extract, and such a row means the extract is inconsistent (a truncated subscriber file, a
 * number typed wrong); dropping it would quietly turn that subscriber into "no data".
 */
final class SignalingLoader {

    static final String FILE = "signaling.csv";
    /** The most elements a Java array can hold on common VMs. */
    private static final int MAX_EVENTS = Integer.MAX_VALUE - 8;
    private static final String CHANGED =
            "the file changed while it was being loaded (read twice, found other rows the second time)";

    private SignalingLoader() {
    }

    static EventStore load(Path dir, SubscriberTable subscribers, CellTable cells) {
        Path path = dir.resolve(FILE);
        Counter counter = new Counter(subscribers.size());
        long base = read(path, subscribers, cells, counter, Long.MIN_VALUE);
        if (base == Long.MIN_VALUE) {
            base = 0; // no events
        }
        int[] offsets = new int[subscribers.size() + 1];
        for (int r = 0; r < subscribers.size(); r++) {
            offsets[r + 1] = offsets[r] + counter.perRow[r];
        }
        int[] cursor = counter.perRow; // reused as the write position of each slice
        System.arraycopy(offsets, 0, cursor, 0, subscribers.size());
        Writer writer = new Writer(offsets, cursor, new int[counter.count], new char[counter.count]);
        read(path, subscribers, cells, writer, base);
        writer.checkComplete();
        return EventStore.ofGroups(base, writer.times, writer.areas, offsets);
    }

    /** Where a valid row goes: counted in the first read, stored in the second. */
    private interface Sink {
        /** Null when taken, else why not (e.g. the row does not fit what the first read counted). */
        String accept(int row, int time, int area);
    }

    /**
     * Reads and validates every row, handing each to {@code sink}; returns the epoch second that times are
     * relative to: {@code base}, or the first row's time when {@code base} is {@link Long#MIN_VALUE}.
     */
    private static long read(Path path, SubscriberTable subscribers, CellTable cells, Sink sink, long base) {
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
                    row = lastRow; // exports are often grouped by number: skip the probe
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
                String refused = sink.accept(row, (int) relative, area);
                if (refused != null) {
                    throw csv.error(refused);
                }
            }
        }
        return base;
    }

    private static final class Counter implements Sink {
        final int[] perRow;
        int count;

        Counter(int subscribers) {
            perRow = new int[subscribers];
        }

        @Override
        public String accept(int row, int time, int area) {
            if (count == MAX_EVENTS) {
                return "more than " + MAX_EVENTS + " events: split the dataset";
            }
            perRow[row]++;
            count++;
            return null;
        }
    }

    private static final class Writer implements Sink {
        final int[] offsets;
        final int[] cursor;
        final int[] times;
        final char[] areas;

        Writer(int[] offsets, int[] cursor, int[] times, char[] areas) {
            this.offsets = offsets;
            this.cursor = cursor;
            this.times = times;
            this.areas = areas;
        }

        @Override
        public String accept(int row, int time, int area) {
            int at = cursor[row];
            if (at == offsets[row + 1]) {
                return CHANGED;
            }
            times[at] = time;
            areas[at] = (char) area;
            cursor[row] = at + 1;
            return null;
        }

        /** Every slice filled: the second read found as many rows per subscriber as the first. */
        void checkComplete() {
            for (int r = 0; r < cursor.length; r++) {
                if (cursor[r] != offsets[r + 1]) {
                    throw DatasetException.at(FILE, 0, CHANGED);
                }
            }
        }
    }
}
