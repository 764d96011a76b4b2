package io.cxmyd.itinerary.rules;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The calculator of itinerary-rules.md §2-§4: runs, bounce tolerance, the 4-hour observed span clipped to
 * the window, countries without the 4-hour rule, order. Pure: no I/O, no clock. Immutable and thread-safe.
 *
 * <p>It sits on the lookup path of every uncached query, so it reads the track through its primitive
 * accessors and allocates one scratch {@code int[]} per call besides the (short) result lists: no object
 * per event. The edge-case decisions are listed in docs/itinerary-rules.md.
 */
public final class StayCalculator {

    /** Stride of one run in the scratch array: display area id, index of its first event, of its last. */
    private static final int AREA = 0;
    private static final int FIRST = 1;
    private static final int LAST = 2;
    private static final int STRIDE = 3;

    private final AreaCatalog catalog;
    private final boolean[] foreign;
    private final long minStaySeconds;
    private final long bounceSeconds;

    public StayCalculator(RulesOptions rules, AreaCatalog catalog) {
        Objects.requireNonNull(rules, "rules");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.foreign = new boolean[catalog.size()];
        for (int id = 0; id < foreign.length; id++) {
            foreign[id] = catalog.byId(id).foreign();
        }
        // Events carry whole seconds: "stay >= minStay" and "span < tolerance" compare exactly against the
        // durations rounded up to the next whole second.
        this.minStaySeconds = ceilSeconds(rules.minStay());
        this.bounceSeconds = ceilSeconds(rules.bounceTolerance());
    }

    private static long ceilSeconds(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
    }

    /**
     * The trip that {@code events} show in {@code day}'s window.
     *
     * @throws IllegalArgumentException when an event's area id is not in the catalog (a source bug: tracks
     *     must hold display-area ids of this calculator's catalog)
     */
    public Trip compute(EventTrack events, DataDay day) {
        int n = events.size();
        long windowStart = day.windowStart().getEpochSecond();
        long windowEnd = day.windowEnd().getEpochSecond();

        List<Area> countries = null;
        boolean anyInWindow = false;
        for (int i = 0; i < n; i++) {
            int area = checkedArea(events, i);
            long t = events.epochSecond(i);
            if (t < windowStart || t >= windowEnd) {
                continue;
            }
            anyInWindow = true;
            // §3: any event abroad inside the window lists its country, whatever run it ends up in, so a
            // foreign run absorbed by the bounce rule keeps its country.
            if (foreign[area]) {
                countries = addOnce(countries, area);
            }
        }
        if (!anyInWindow) {
            // No signalling in the window is the no-data reply (§5), even if one run spans the whole window
            // with events only outside it: the FAQ's premise is that data comes from using the phone.
            return Trip.EMPTY;
        }

        int[] runs = new int[STRIDE * n];
        int count = formRuns(events, runs);

        List<Area> places = null;
        for (int r = 0; r < count; r++) {
            int base = r * STRIDE;
            int area = runs[base + AREA];
            if (foreign[area]) {
                continue;
            }
            // §2.4: observed span clipped to the window. Runs wholly outside it come out negative; a run
            // after windowEnd therefore never adds a place, one crossing windowEnd only counts up to it.
            long first = events.epochSecond(runs[base + FIRST]);
            long last = events.epochSecond(runs[base + LAST]);
            long stay = Math.min(last, windowEnd) - Math.max(first, windowStart);
            if (stay >= minStaySeconds) {
                // Runs are in time order, so the first qualifying run of each area comes in the order of
                // its start, max(first, windowStart): the order of §4.
                places = addOnce(places, area);
            }
        }
        return new Trip(listOf(places), listOf(countries), true);
    }

    /**
     * Forms the runs of §2.2 and applies the bounce tolerance of §2.3 in one pass, writing them into
     * {@code runs} (stride {@link #STRIDE}); returns how many there are.
     *
     * <p>The spec scans from the earliest run, absorbs the first that qualifies, continues from the merged
     * run and repeats until nothing changes. A stack does exactly that: when the next raw run arrives, the
     * top of the stack is the candidate (its left neighbour is below it, its right neighbour is the arriving
     * run, and everything to its right is still unmerged, as in the spec's scan). Absorbing it extends the
     * left neighbour, which becomes the candidate for the following raw run ("continue from the merged
     * run"). One pass reaches the fixed point: a merge never changes the area or first event of any run
     * left of the merged one, so no run that failed its check can qualify later, and a second scan would
     * absorb nothing.
     */
    private int formRuns(EventTrack events, int[] runs) {
        int n = events.size();
        int top = -1;
        int i = 0;
        while (i < n) {
            int area = events.areaId(i);
            int last = i;
            while (last + 1 < n && events.areaId(last + 1) == area) {
                last++;
            }
            if (top >= 1 && runs[(top - 1) * STRIDE + AREA] == area
                    && events.epochSecond(i) - events.epochSecond(runs[top * STRIDE + FIRST]) < bounceSeconds) {
                // The run on top lasted less than the tolerance (from its first event to this run's first
                // event) between two runs of one area: cross-coverage at a border (FAQ 6). Three runs
                // become one, of the neighbours' area.
                top--;
                runs[top * STRIDE + LAST] = last;
            } else {
                top++;
                int base = top * STRIDE;
                runs[base + AREA] = area;
                runs[base + FIRST] = i;
                runs[base + LAST] = last;
            }
            i = last + 1;
        }
        return top + 1;
    }

    private int checkedArea(EventTrack events, int i) {
        int area = events.areaId(i);
        if (area < 0 || area >= foreign.length) {
            throw new IllegalArgumentException(
                    "event " + i + ": area id " + area + " is not in the catalog (" + foreign.length + " areas)");
        }
        return area;
    }

    private List<Area> addOnce(List<Area> list, int areaId) {
        if (list == null) {
            list = new ArrayList<>(4);
        }
        for (int k = 0; k < list.size(); k++) {
            if (list.get(k).id() == areaId) {
                return list;
            }
        }
        list.add(catalog.byId(areaId));
        return list;
    }

    private static List<Area> listOf(List<Area> list) {
        return list == null ? List.of() : list;
    }
}
