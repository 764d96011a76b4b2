package io.cxmyd.itinerary.source.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

    private static long parse(String s) {
        byte[] b = ("x" + s + "y").getBytes(StandardCharsets.UTF_8);
        return IsoTime.parse(b, 1, b.length - 1);
    }

    @Test
    void agreesWithTheJdkOnManyInstantsAndOffsets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(0, 4_102_444_800L); // 1970..2100
            int offsetQuarters = random.nextInt(-48, 57);
            OffsetDateTime t = Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.ofTotalSeconds(offsetQuarters * 900));
            assertThat(parse(t.toString()))
                    .as(t.toString()).isEqualTo(seconds);
        }
    }

    @Test
    void acceptsZuluFractionsAndTheShortFormsTheJdkAccepts() {
        long expected = OffsetDateTime.parse("2026-11-15T08:00:00+08:00").toEpochSecond();
        assertThat(parse("2026-11-15T00:00:00Z")).isEqualTo(expected);
        assertThat(parse("2026-11-15T08:00:00.999+08:00")).isEqualTo(expected);
        assertThat(parse("2026-11-15T08:00+08:00")).isEqualTo(expected);
        assertThat(parse("2026-11-15T08:00:00+0800")).isEqualTo(IsoTime.INVALID);
    }

    @Test
    void rejectsTextThatIsNotADateTimeWithOffset() {
        for (String bad : new String[] {"2026-11-15T08:00:00", "2026-11-15 08:00:00+08:00", "2026-02-29T08:00:00Z",
                "2026-11-15T24:00:00Z", "2026-11-15T08:00:00+08:00x", "", "13800138000"}) {
            assertThat(parse(bad)).as(bad).isEqualTo(IsoTime.INVALID);
        }
    }
}
