package io.cxmyd.itinerary.rules;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** An {@link EventTrack} over two arrays of its own. */
final class ArrayEventTrack implements EventTrack {

    private final long[] times;
    private final int[] areas;

    private ArrayEventTrack(long[] times, int[] areas) {
        this.times = times;
        this.areas = areas;
    }

    static ArrayEventTrack sorted(long[] epochSeconds, int[] areaIds) {
        if (epochSeconds.length != areaIds.length) {
            throw new IllegalArgumentException(
                    "times and areas differ in length: " + epochSeconds.length + " vs " + areaIds.length);
        }
        int n = epochSeconds.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong(i -> epochSeconds[i]));
        long[] t = new long[n];
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            t[k] = epochSeconds[order[k]];
            a[k] = areaIds[order[k]];
        }
        return new ArrayEventTrack(t, a);
    }

    @Override
    public int size() {
        return times.length;
    }

    @Override
    public long epochSecond(int i) {
        return times[i];
    }

    @Override
    public int areaId(int i) {
        return areas[i];
    }
}
