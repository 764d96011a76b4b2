package io.cxmyd.itinerary.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * StayCalculator absorbs bounces in one pass; the spec describes repeated scans. This checks, over many
 * random tracks crowded with short runs, that the one pass lists the same places as the literal procedure:
 * scan from the earliest run, absorb the first that qualifies, start over, until nothing changes.
 */
class BounceScanTest {

    private static final RulesOptions RULES = RulesOptions.defaults();
    private static final DataDay DAY = DataDay.at(Instant.parse("2026-11-22T01:00:00Z"), RULES);
    private static final int[] AREAS = {
        Tracks.areaId("440106"), Tracks.areaId("440305"), Tracks.areaId("441900"), Tracks.areaId("HK")
    };

    /** [area, firstTime, lastTime] of one run, for the literal procedure. */
    private record Run(int area, long first, long last) {
    }

    @Test
    void onePassListsTheSamePlacesAsRepeatedScansOnRandomTracks() {
        StayCalculator calculator = new StayCalculator(RULES, AreaCatalog.standard());
        SplittableRandom random = new SplittableRandom(20261122);
        long start = DAY.windowStart().getEpochSecond() - 3_600;
        int merged = 0;
        for (int round = 0; round < 3_000; round++) {
            int n = 2 + random.nextInt(40);
            long[] times = new long[n];
            int[] areas = new int[n];
            long t = start + random.nextInt(7 * 86_400);
            for (int i = 0; i < n; i++) {
                // Mostly gaps of minutes (bounces), sometimes hours (stays).
                t += random.nextInt(10) == 0 ? random.nextInt(6 * 3_600) : random.nextInt(20 * 60);
                times[i] = t;
                areas[i] = AREAS[random.nextInt(random.nextBoolean() ? 2 : AREAS.length)];
            }
            EventTrack track = EventTrack.of(times, areas);
            List<Run> runs = literalRuns(track);
            merged += countRuns(track) - runs.size();
            assertThat(calculator.compute(track, DAY).places().stream().map(Area::id).toList())
                    .as("round %d", round)
                    .isEqualTo(places(runs));
        }
        assertThat(merged).as("the random tracks exercise absorption").isGreaterThan(1_000);
    }

    private static int countRuns(EventTrack track) {
        int runs = 0;
        for (int i = 0; i < track.size(); i++) {
            if (i == 0 || track.areaId(i) != track.areaId(i - 1)) {
                runs++;
            }
        }
        return runs;
    }

    private static List<Run> literalRuns(EventTrack track) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < track.size(); i++) {
            int area = track.areaId(i);
            long time = track.epochSecond(i);
            if (!runs.isEmpty() && runs.get(runs.size() - 1).area() == area) {
                Run last = runs.remove(runs.size() - 1);
                runs.add(new Run(area, last.first(), time));
            } else {
                runs.add(new Run(area, time, time));
            }
        }
        long tolerance = RULES.bounceTolerance().getSeconds();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 1; k + 1 < runs.size(); k++) {
                Run left = runs.get(k - 1);
                Run right = runs.get(k + 1);
                if (left.area() == right.area() && right.first() - runs.get(k).first() < tolerance) {
                    runs.subList(k - 1, k + 2).clear();
                    runs.add(k - 1, new Run(left.area(), left.first(), right.last()));
                    changed = true;
                    break;
                }
            }
        }
        return runs;
    }

    private static List<Integer> places(List<Run> runs) {
        long windowStart = DAY.windowStart().getEpochSecond();
        long windowEnd = DAY.windowEnd().getEpochSecond();
        List<Integer> places = new ArrayList<>();
        for (Run run : runs) {
            long stay = Math.min(run.last(), windowEnd) - Math.max(run.first(), windowStart);
            boolean foreign = AreaCatalog.standard().byId(run.area()).foreign();
            if (!foreign && stay >= RULES.minStay().getSeconds() && !places.contains(run.area())) {
                places.add(run.area());
            }
        }
        return places;
    }
}
