package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.consent.ConsentState;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ConsentStateCodecTest {

    @Test
    void aStateReadsBackAsItWasWritten() {
        ConsentState s = new ConsentState(Instant.parse("2026-11-21T01:40:00.123Z"), 2, LocalDate.of(2026, 11, 21),
                Instant.parse("2026-11-21T16:00:00Z"));
        assertThat(ConsentStateCodec.encode(s)).isEqualTo("1|1795225200123|2|2026-11-21|1795276800000");
        assertThat(ConsentStateCodec.decode(ConsentStateCodec.encode(s))).contains(s);
        ConsentState pendingOnly = new ConsentState(Instant.parse("2026-11-21T01:40:00Z"), 0, null, null);
        assertThat(ConsentStateCodec.decode(ConsentStateCodec.encode(pendingOnly))).contains(pendingOnly);
    }

    @Test
    void anotherVersionOrDamagedTextReadsAsNothingRemembered() {
        assertThat(ConsentStateCodec.decode(null)).isEmpty();
        assertThat(ConsentStateCodec.decode("2|-|0|-|-")).isEmpty();
        assertThat(ConsentStateCodec.decode("1|-|0|-")).isEmpty();
        assertThat(ConsentStateCodec.decode("1|x|0|-|-")).isEmpty();
        assertThat(ConsentStateCodec.decode("1|-|-3|-|-")).isEmpty();
        assertThat(ConsentStateCodec.decode("1|-|1|2026-13-01|-")).isEmpty();
    }
}
