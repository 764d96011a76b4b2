package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.rules.EventTrack;
import java.util.Arrays;

/**
 * All events of the dataset in two flat arrays, grouped by subscriber row and sorted by time within each
 * group: six bytes an event (seconds from {@link #base} as an {@code int}, the display area id as a
 * {@code char}) plus four bytes a subscriber for the group offsets. No object per event: at 50 million
 * events an object each would cost more than the whole heap this store needs.
 */
final class EventStore {

    private final long base;
    private final int[] times;
    private final char[] areas;
    private final int[] offsets; // subscriber row r owns [offsets[r], offsets[r + 1])

    private EventStore(long base, int[] times, char[] areas, int[] offsets) {
        this.base = base;
        this.times = times;
        this.areas = areas;
        this.offsets = offsets;
    }

    /**
     * The store over events already grouped by subscriber row (row r's in {@code [offsets[r],
     * offsets[r + 1])}, each group in file order); sorts each group by time in place, keeping the file
     * order of events with the same time. Takes ownership of the arrays.
     *
     * @param times seconds from {@code base} of each event
     * @param areas display area id of each event
     * @param offsets one more than the subscriber rows: where each row's group starts, then the end
     */
    static EventStore ofGroups(long base, int[] times, char[] areas, int[] offsets) {
        if (times.length != areas.length || offsets[offsets.length - 1] != times.length) {
            throw new IllegalArgumentException("groups do not cover the arrays");
        }
        long[] scratch = new long[16];
        char[] areaScratch = new char[16];
        for (int r = 0; r + 1 < offsets.length; r++) {
            int from = offsets[r];
            int to = offsets[r + 1];
            if (!isSorted(times, from, to)) {
                int n = to - from;
                if (scratch.length < n) {
                    scratch = new long[Math.max(n, scratch.length * 2)];
                    areaScratch = new char[scratch.length];
                }
                sortGroup(times, areas, from, n, scratch, areaScratch);
            }
        }
        return new EventStore(base, times, areas, offsets);
    }

    private static boolean isSorted(int[] t, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (t[i] < t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts by (time, position): the position in the low half keeps equal times in file order. */
    private static void sortGroup(int[] t, char[] a, int from, int n, long[] keys, char[] areaCopy) {
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) t[from + i] << 32) | i;
            areaCopy[i] = a[from + i];
        }
        Arrays.sort(keys, 0, n);
        for (int i = 0; i < n; i++) {
            t[from + i] = (int) (keys[i] >> 32);
            a[from + i] = areaCopy[(int) keys[i]];
        }
    }

    EventTrack track(int row) {
        int from = offsets[row];
        int size = offsets[row + 1] - from;
        return size == 0 ? EventTrack.EMPTY : new SliceTrack(base, times, areas, from, size);
    }

    long events() {
        return times.length;
    }

    /** Bytes of the time and area arrays (the per-event cost). */
    long eventBytes() {
        return times.length * 4L + areas.length * 2L;
    }

    /** Bytes of the per-subscriber offsets. */
    long offsetBytes() {
        return offsets.length * 4L;
    }
}
