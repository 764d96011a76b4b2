package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.rules.EventTrack;
import java.util.Objects;

/** One subscriber's events: a view into the store's shared arrays, no copy. */
final class SliceTrack implements EventTrack {

    private final long base;
    private final int[] times;
    private final char[] areas;
    private final int from;
    private final int size;

    SliceTrack(long base, int[] times, char[] areas, int from, int size) {
        this.base = base;
        this.times = times;
        this.areas = areas;
        this.from = from;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long epochSecond(int i) {
        return base + times[from + Objects.checkIndex(i, size)];
    }

    @Override
    public int areaId(int i) {
        return areas[from + Objects.checkIndex(i, size)];
    }
}
