package io.cxmyd.itinerary.tools;

import io.cxmyd.itinerary.tools.SyntheticSubscriber.Kind;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes the events of one synthetic subscriber's days: about seven a day (a morning and an evening at
 * home, a few at work), so about 50 a week, with the trips its {@link Kind} calls for.
 */
final class Itineraries {

    private static final int HOUR = 3600;
    private static final int MINUTE = 60;

    private final CellPlan plan;
    private final long firstDay;
    private final long lastDay;

    Itineraries(CellPlan plan, long firstDay, long lastDay) {
        this.plan = plan;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
    }

    void generate(SyntheticSubscriber s, int owner, SplittableRandom r, EventBuffer out) {
        if (s.kind() == Kind.SILENT) {
            return;
        }
        int home = plan.randomCity(r);
        int homeCell = plan.cellIn(home, r);
        int workCell = plan.cellIn(home, r);
        int neighbourCell = s.kind() == Kind.BORDER ? plan.cellIn(plan.neighbourOf(home, r), r) : -1;
        int days = (int) (lastDay - firstDay + 1);
        long tripStart = firstDay + r.nextInt(days);
        long tripEnd = tripStart + (s.kind() == Kind.ABROAD ? 2 + r.nextInt(3) : 1 + r.nextInt(3));
        int destination = -1;
        int[] via = new int[0];
        switch (s.kind()) {
            case BUSINESS_TRIP, TRAIN -> {
                destination = otherCity(home, r);
                if (s.kind() == Kind.TRAIN) {
                    via = new int[2 + r.nextInt(3)];
                    for (int i = 0; i < via.length; i++) {
                        via[i] = plan.cellIn(otherCity(home, r), r);
                    }
                }
            }
            case ABROAD -> destination = -2 - r.nextInt(CellPlan.COUNTRIES.length);
            default -> tripStart = tripEnd = Long.MIN_VALUE;
        }
        long start = Math.max(firstDay, s.activatedOn().toEpochDay());
        for (long d = start; d <= lastDay; d++) {
            long midnight = d * 86_400 - CellPlan.BEIJING_OFFSET;
            if (d == tripStart) {
                spread(out, owner, r, midnight + 7 * HOUR, midnight + 9 * HOUR, 1, homeCell, -1);
                long t = midnight + 9 * HOUR + r.nextInt(HOUR);
                for (int cell : via) { // a train's stops: short stays, none near 4 hours
                    t += 40 * MINUTE + r.nextInt(50 * MINUTE);
                    out.add(owner, t, cell);
                }
                t += HOUR + r.nextInt(3 * HOUR);
                spread(out, owner, r, t, midnight + 23 * HOUR, 4, -1, destination);
            } else if (d > tripStart && d <= tripEnd) {
                spread(out, owner, r, midnight + 7 * HOUR, midnight + 23 * HOUR, 6 + r.nextInt(3), -1, destination);
            } else if (d == tripEnd + 1) {
                spread(out, owner, r, midnight + 7 * HOUR, midnight + 10 * HOUR, 2, -1, destination);
                spread(out, owner, r, midnight + 17 * HOUR, midnight + 23 * HOUR, 3, homeCell, -1);
            } else if (Math.floorMod(d + 3, 7) >= 5) { // Saturday, Sunday: epoch day 0 was a Thursday
                spread(out, owner, r, midnight + 8 * HOUR, midnight + 23 * HOUR, 6 + r.nextInt(3), -1, home);
            } else {
                homeAndWork(out, owner, r, midnight, homeCell, workCell, neighbourCell);
            }
        }
    }

    private void homeAndWork(EventBuffer out, int owner, SplittableRandom r, long midnight, int homeCell,
            int workCell, int neighbourCell) {
        long morning = midnight + 6 * HOUR + 30 * MINUTE + r.nextInt(2 * HOUR);
        flap(out, owner, r, morning, homeCell, neighbourCell);
        spread(out, owner, r, midnight + 9 * HOUR, midnight + 18 * HOUR, 4 + r.nextInt(2), workCell, -1);
        long evening = midnight + 19 * HOUR + r.nextInt(2 * HOUR);
        flap(out, owner, r, evening, homeCell, neighbourCell);
        out.add(owner, evening + HOUR + r.nextInt(3 * HOUR / 2), homeCell);
    }

    /** An event at home; by a border, the phone then hops to the other city's cell for a few minutes. */
    private static void flap(EventBuffer out, int owner, SplittableRandom r, long t, int homeCell, int neighbourCell) {
        out.add(owner, t, homeCell);
        if (neighbourCell >= 0 && r.nextInt(10) < 7) {
            long hop = t + 3 * MINUTE + r.nextInt(12 * MINUTE);
            out.add(owner, hop, neighbourCell);
            out.add(owner, hop + 3 * MINUTE + r.nextInt(12 * MINUTE), homeCell);
        }
    }

    /**
     * {@code count} events at random times in {@code [from, to)}: all on {@code cell} when it is set, else
     * on random cells of {@code place} (a city index, or {@code -2 - country} abroad).
     */
    private void spread(EventBuffer out, int owner, SplittableRandom r, long from, long to, int count, int cell,
            int place) {
        if (to <= from) {
            to = from + HOUR;
        }
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = from + r.nextLong(to - from);
        }
        Arrays.sort(times);
        for (long t : times) {
            int c = cell >= 0 ? cell
                    : place >= 0 ? plan.cellIn(place, r)
                    : plan.countryCells[-2 - place][r.nextInt(3)];
            out.add(owner, t, c);
        }
    }

    private int otherCity(int home, SplittableRandom r) {
        int city;
        do {
            city = plan.randomCity(r);
        } while (city == home);
        return city;
    }
}
