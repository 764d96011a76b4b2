package io.cxmyd.itinerary.rules;

import java.time.Duration;

/**
 * The part of a track that a data day is computed from: its window plus {@link #MARGIN} on each side.
 *
 * <p>Why a fixed margin rather than every event: the HTTP platform is asked for exactly this span
 * (docs/itinerary-api.md), and the Spark job (docs/batch.md) reads only this span of a national carrier's
 * signaling; the local source computes from the same span, so that the three sources answer alike. A day
 * covers what a stay crossing an edge needs in practice: a phone signals several times a day.
 */
public final class WindowTrack implements EventTrack {

    /** One day beyond each window edge. */
    public static final Duration MARGIN = Duration.ofDays(1);

    private final EventTrack track;
    private final int from;
    private final int size;

    private WindowTrack(EventTrack track, int from, int size) {
        this.track = track;
        this.from = from;
        this.size = size;
    }

    /** The first epoch second a computation of {@code day} reads (inclusive). */
    public static long firstSecond(DataDay day) {
        return day.windowStart().minus(MARGIN).getEpochSecond();
    }

    /** The epoch second a computation of {@code day} reads up to (exclusive). */
    public static long endSecond(DataDay day) {
        return day.windowEnd().plus(MARGIN).getEpochSecond();
    }

    /** The events of {@code track} (sorted by time) in {@code [firstSecond(day), endSecond(day))}: a view. */
    public static EventTrack of(EventTrack track, DataDay day) {
        int lo = firstAtOrAfter(track, firstSecond(day));
        int hi = firstAtOrAfter(track, endSecond(day));
        if (lo == 0 && hi == track.size()) {
            return track;
        }
        return new WindowTrack(track, lo, hi - lo);
    }

    private static int firstAtOrAfter(EventTrack track, long second) {
        int lo = 0;
        int hi = track.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (track.epochSecond(mid) < second) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long epochSecond(int i) {
        return track.epochSecond(from + java.util.Objects.checkIndex(i, size));
    }

    @Override
    public int areaId(int i) {
        return track.areaId(from + java.util.Objects.checkIndex(i, size));
    }
}
