package io.cxmyd.itinerary.bench;

import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.EventTrack;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * Realistic multi-city weeks for benchmarks: a subscriber living in 广州 who spends two days in 北京
 * (moving between districts), passes through 武汉 by train, makes a day trip to 中国香港, and picks up
 * cross-border blips from 东莞 at home — about 50 events over the window plus a day either side, as the
 * sources deliver them. Deterministic per seed.
 */
public final class WeekTracks {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private WeekTracks() {
    }

    /** A week of about {@code events} events ending before {@code dataDay} 09:00, shuffled by {@code seed}. */
    public static EventTrack week(LocalDate dataDay, long seed, int events) {
        AreaCatalog catalog = AreaCatalog.standard();
        int guangzhou = id(catalog, "440106");
        int dongguan = id(catalog, "441900");
        int chaoyang = id(catalog, "110105");
        int haidian = id(catalog, "110108");
        int wuhan = id(catalog, "420102");
        int hongKong = id(catalog, "HK");
        // Nine days: the day before the window, the seven window days, the data day's morning.
        int[][] plan = {
            {guangzhou, guangzhou, dongguan, guangzhou},
            {guangzhou, guangzhou, guangzhou},
            {guangzhou, wuhan, chaoyang, chaoyang},
            {chaoyang, haidian, haidian, chaoyang},
            {haidian, wuhan, guangzhou},
            {guangzhou, hongKong, hongKong, guangzhou},
            {guangzhou, dongguan, guangzhou, guangzhou},
            {guangzhou, guangzhou, guangzhou},
            {guangzhou, guangzhou},
        };
        long dayZero = dataDay.minusDays(8).atStartOfDay(BEIJING).toEpochSecond();
        SplittableRandom random = new SplittableRandom(seed);
        long[] times = new long[events];
        int[] areas = new int[events];
        for (int i = 0; i < events; i++) {
            // Spread the events over the nine days in order; each day's plan slots split the waking hours.
            int day = Math.min(8, i * 9 / events);
            int[] slots = plan[day];
            int firstOfDay = (day * events + 8) / 9;
            int nextDay = ((day + 1) * events + 8) / 9;
            int perDay = Math.max(1, nextDay - firstOfDay);
            int k = i - firstOfDay;
            int slot = Math.min(slots.length - 1, k * slots.length / perDay);
            long hours = day == 8 ? 7 : 16; // the data day's morning ends before the 09:00 query
            long base = dayZero + day * 86_400L + 7 * 3_600L;
            times[i] = base + (k * hours * 3_600L) / perDay + random.nextInt(600);
            areas[i] = slots[slot];
        }
        return EventTrack.of(times, areas);
    }

    private static int id(AreaCatalog catalog, String code) {
        return catalog.resolve(code).orElseThrow().id();
    }
}
