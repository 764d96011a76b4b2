package io.cxmyd.itinerary.tools;

import java.util.Arrays;

/** Events of a batch of subscribers in primitive arrays, sortable by time. */
final class EventBuffer {

    long[] times = new long[1 << 16];
    int[] cells = new int[1 << 16];
    int[] owners = new int[1 << 16];
    int size;

    void add(int owner, long epochSecond, int cell) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            cells = Arrays.copyOf(cells, size * 2);
            owners = Arrays.copyOf(owners, size * 2);
        }
        times[size] = epochSecond;
        cells[size] = cell;
        owners[size] = owner;
        size++;
    }

    /**
     * The order of the events by time, ties in insertion order: a batch is written as a carrier's export
     * would be, time-ordered with subscribers interleaved, not grouped per number.
     */
    int[] timeOrder() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = (times[i] << 24) | i; // times < 2^39 and size < 2^24: the key stays positive and unique
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & 0xFF_FFFF);
        }
        return order;
    }

    void clear() {
        size = 0;
    }
}
