package io.cxmyd.itinerary.cache;

import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.rules.StayCalculator;
import io.cxmyd.itinerary.rules.Trip;
import io.cxmyd.itinerary.rules.WindowTrack;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.util.Objects;

/**
 * What is cached for one subscriber and one data day: everything the account rules need that cannot
 * change before the next refresh. The rules themselves run after the cache, on every lookup, because the
 * query date (new accounts, recent port-ins) turns at midnight while the data day turns at the refresh
 * time.
 *
 * @param profile the registry record, or {@code null} for a number the registry does not know
 * @param trip what the events show in the day's window ({@link Trip#EMPTY} for an unknown number)
 */
public record DayValue(SubscriberProfile profile, Trip trip) {

    public DayValue {
        Objects.requireNonNull(trip, "trip");
    }

    /**
     * What a known subscriber's events show for {@code day}: the one computation that every source's
     * lookup (the client, on a miss) and the Spark job (docs/batch.md) both run, so that they answer alike.
     * Reads only the events of {@link WindowTrack}'s span.
     */
    public static DayValue compute(SubscriberProfile profile, EventTrack events, StayCalculator calculator,
            DataDay day) {
        Objects.requireNonNull(profile, "profile");
        return new DayValue(profile, calculator.compute(WindowTrack.of(events, day), day));
    }

    public static DayValue unknown() {
        return new DayValue(null, Trip.EMPTY);
    }

    /**
     * An unknown number, or no event in the window: the answer most likely to change soon (a new
     * subscriber, late data), so it is cached only briefly.
     */
    public boolean noData() {
        return profile == null || !trip.anyEventInWindow();
    }
}
