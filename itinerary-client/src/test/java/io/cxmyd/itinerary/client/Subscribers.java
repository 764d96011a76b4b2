package io.cxmyd.itinerary.client;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.source.SubscriberData;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Test subscribers around data day 2026-11-21 (queried 09:30 Beijing time, refresh 08:00). */
public final class Subscribers {

    public static final Instant AT = OffsetDateTime.parse("2026-11-21T09:30:00+08:00").toInstant();
    /** The refresh after {@link #AT}: data day 2026-11-22 begins. */
    public static final Instant NEXT_REFRESH = OffsetDateTime.parse("2026-11-22T08:00:00+08:00").toInstant();

    public static final Msisdn TRAVELLER = Msisdn.parse("13800138000");
    public static final Msisdn STAY_AT_HOME = Msisdn.parse("13900139000"); // known, no event in the window
    public static final Msisdn UNKNOWN = Msisdn.parse("13700137000");

    private Subscribers() {
    }

    /** Twelve hours in Guangzhou on 15 November: one qualifying city. */
    public static SubscriberData traveller() {
        AreaCatalog catalog = AreaCatalog.standard();
        int guangzhou = catalog.resolve("440106").orElseThrow().id();
        long start = OffsetDateTime.parse("2026-11-15T08:00:00+08:00").toEpochSecond();
        long[] times = {start, start + 4 * 3600, start + 8 * 3600, start + 12 * 3600};
        int[] areas = {guangzhou, guangzhou, guangzhou, guangzhou};
        return new SubscriberData(profile(), EventTrack.of(times, areas));
    }

    public static SubscriberData stayAtHome() {
        return new SubscriberData(profile(), EventTrack.EMPTY);
    }

    public static SubscriberProfile profile() {
        return new SubscriberProfile("china-mobile", LocalDate.of(2019, 3, 1), null);
    }

    public static TestSource source() {
        return new TestSource().with(TRAVELLER, traveller()).with(STAY_AT_HOME, stayAtHome());
    }
}
