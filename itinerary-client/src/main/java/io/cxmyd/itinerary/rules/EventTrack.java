package io.cxmyd.itinerary.rules;

/**
 * One subscriber's signaling events, sorted by time, each already mapped to its display area
 * ({@link io.cxmyd.itinerary.Area#id()}). An interface over primitive storage: the local source serves
 * views into its shared arrays, so a lookup allocates no object per event.
 */
public interface EventTrack {

    int size();

    /** Seconds since the epoch of event {@code i}; non-decreasing in {@code i}. */
    long epochSecond(int i);

    /** The display area id of event {@code i}. */
    int areaId(int i);

    EventTrack EMPTY = of(new long[0], new int[0]);

    /** A track over copies of the two arrays, sorted by time (stable: equal times keep their order). */
    static EventTrack of(long[] epochSeconds, int[] areaIds) {
        return ArrayEventTrack.sorted(epochSeconds, areaIds);
    }
}
