package io.cxmyd.itinerary.rules;

import io.cxmyd.itinerary.areas.AreaCatalog;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Builds {@link EventTrack}s from readable lines, one event each: {@code "2026-11-15T08:00+08:00 440106"}
 * (an ISO offset date-time, a space, a GB/T 2260 or ISO 3166-1 alpha-2 code).
 */
public final class Tracks {

    private static final AreaCatalog CATALOG = AreaCatalog.standard();

    private Tracks() {
    }

    public static EventTrack of(String... lines) {
        long[] times = new long[lines.length];
        int[] areas = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String[] parts = lines[i].strip().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected '<offset date-time> <code>', was: " + lines[i]);
            }
            times[i] = instant(parts[0]).getEpochSecond();
            areas[i] = areaId(parts[1]);
        }
        return EventTrack.of(times, areas);
    }

    public static int areaId(String code) {
        return CATALOG.resolve(code)
                .orElseThrow(() -> new IllegalArgumentException("unknown area code: " + code))
                .id();
    }

    public static Instant instant(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }
}
