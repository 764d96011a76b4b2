package io.cxmyd.itinerary.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTrackTest {

    private static final DataDay DAY = DataDay.at(Instant.parse("2026-11-21T01:30:00Z"), RulesOptions.defaults());

    @Test
    void keepsTheWindowAndOneDayEachSideAndNothingElse() {
        long ws = DAY.windowStart().getEpochSecond();
        long we = DAY.windowEnd().getEpochSecond();
        long day = 86_400;
        EventTrack all = EventTrack.of(
                new long[] {ws - day - 1, ws - day, ws, we - 1, we + day - 1, we + day},
                new int[] {1, 2, 3, 4, 5, 6});

        EventTrack kept = WindowTrack.of(all, DAY);

        assertThat(kept.size()).isEqualTo(4);
        assertThat(kept.areaId(0)).isEqualTo(2);
        assertThat(kept.epochSecond(0)).isEqualTo(ws - day);
        assertThat(kept.areaId(3)).isEqualTo(5);
    }

    @Test
    void aTrackInsideTheSpanIsReturnedAsItIs() {
        long ws = DAY.windowStart().getEpochSecond();
        EventTrack inside = EventTrack.of(new long[] {ws, ws + 60}, new int[] {1, 1});

        assertThat(WindowTrack.of(inside, DAY)).isSameAs(inside);
        assertThat(WindowTrack.of(EventTrack.EMPTY, DAY).size()).isZero();
    }
}
