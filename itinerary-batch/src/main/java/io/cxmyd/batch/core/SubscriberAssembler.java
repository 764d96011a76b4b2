package io.cxmyd.batch.core;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.cache.DayValue;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.rules.StayCalculator;
import io.cxmyd.itinerary.source.SubscriberProfile;
import io.cxmyd.itinerary.source.local.DatasetLines;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns one partition's rows, sorted by (number, profile before events, time, file order), into one result
 * per subscriber: the same {@link DayValue#compute} the local source's lookups run. Pure: no I/O, no Spark.
 *
 * <p>Streaming: it holds one subscriber at a time, in two primitive arrays reused from one subscriber to
 * the next (grown to the busiest subscriber's span, about 70 events for a week of ordinary use), so a
 * partition of any size runs in the same memory. Not thread-safe: one per partition.
 */
public final class SubscriberAssembler {

    private final StayCalculator calculator;
    private final DataDay day;

    private long number = -1;
    private SubscriberProfile profile;
    private long profileOffset = -1;
    private long[] times = new long[64];
    private int[] areas = new int[64];
    private int size;
    private SubscriberResult pendingRefusal;

    public SubscriberAssembler(StayCalculator calculator, DataDay day) {
        this.calculator = Objects.requireNonNull(calculator, "calculator");
        this.day = Objects.requireNonNull(day, "day");
    }

    /**
     * A subscribers row; returns the previous subscriber's result when this row starts a new one, else
     * null (or a refusal, for a second row of the same number).
     */
    public SubscriberResult profile(long number, String carrier, int activatedOn, int portedOn, String idHash,
            long offset) {
        if (number == this.number && profile != null) {
            return SubscriberResult.refused(DatasetLines.SUBSCRIBERS, offset, profileOffset,
                    "duplicate msisdn " + DatasetLines.masked(number));
        }
        SubscriberResult done = switchTo(number);
        profile = new SubscriberProfile(carrier, LocalDate.ofEpochDay(activatedOn),
                portedOn == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(portedOn), idHash);
        profileOffset = offset;
        return done;
    }

    /**
     * A signaling row (its display area id); returns the previous subscriber's result when this row
     * starts a new one, a refusal for a number that subscribers.csv does not list, else null.
     */
    public SubscriberResult event(long number, long epochSecond, int area, long offset) {
        SubscriberResult done = switchTo(number);
        if (profile == null) {
            // The local source refuses it too: the two files are one extract (SignalingLoader).
            SubscriberResult refusal = SubscriberResult.refused(DatasetLines.SIGNALING, offset, -1,
                    "msisdn " + DatasetLines.masked(number) + " is not in " + DatasetLines.SUBSCRIBERS);
            if (done != null) {
                pendingRefusal = refusal;
                return done;
            }
            return refusal;
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            areas = Arrays.copyOf(areas, size * 2);
        }
        times[size] = epochSecond;
        areas[size] = area;
        size++;
        return done;
    }

    /** A refusal that {@link #event} could not return together with a result; null when none. */
    public SubscriberResult takePending() {
        SubscriberResult r = pendingRefusal;
        pendingRefusal = null;
        return r;
    }

    /** The last subscriber's result, at the end of the partition; null when there is none. */
    public SubscriberResult finish() {
        return switchTo(-1);
    }

    private SubscriberResult switchTo(long next) {
        if (next == number) {
            return null;
        }
        SubscriberResult done = null;
        if (profile != null) {
            Msisdn msisdn = Msisdn.parse(String.format("%011d", number));
            // Rows arrive sorted by time, ties in file order: the order the local source's stable sort gives.
            DayValue value = DayValue.compute(profile, new Track(times, areas, size), calculator, day);
            done = SubscriberResult.of(msisdn, value, size);
        }
        number = next;
        profile = null;
        profileOffset = -1;
        size = 0;
        return done;
    }

    /** A view of the reused arrays: valid only during the compute that receives it. */
    private record Track(long[] times, int[] areas, int size) implements EventTrack {
        @Override
        public long epochSecond(int i) {
            return times[Objects.checkIndex(i, size)];
        }

        @Override
        public int areaId(int i) {
            return areas[Objects.checkIndex(i, size)];
        }
    }
}
