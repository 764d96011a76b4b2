package io.cxmyd.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.sms.Keyword;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The gate over the in-process store: state kept per subscriber key, time from a clock moved by hand. */
class ConsentGateTest {

    private static final long ALICE = 1L;
    private static final long BOB = 2L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T01:30:00Z"));
    private final ConsentRules rules = new ConsentRules(ConsentOptions.defaults(ZoneId.of("Asia/Shanghai")));
    private final InProcessConsentStore store = new InProcessConsentStore(rules, clock);
    private final ConsentGate gate = new ConsentGate(rules, store, clock);

    @Test
    void yFromAnotherNumberDoesNotAnswerThePrompt() {
        assertThat(gate.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("CXMYD")))
                .isInstanceOf(Decision.Prompt.class);
        assertThat(gate.onText(BOB, Verification.CONFIRM, Keyword.parseWithConsent("Y")))
                .isEqualTo(new Decision.Usage(false));
        assertThat(gate.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("ｙ")))
                .isEqualTo(new Decision.Send(Verification.CONFIRM));
    }

    @Test
    void thePromptExpiresWithTheClock() {
        gate.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("CXMYD"));
        clock.advance(Duration.ofMinutes(10));
        assertThat(gate.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("Y")))
                .isEqualTo(new Decision.Usage(true));
    }

    @Test
    void theLockoutOutlivesThePromptAndIsPerSubscriber() {
        for (int i = 0; i < 2; i++) {
            assertThat(gate.onCheck(ALICE, false)).isInstanceOf(Decision.WrongCode.class);
        }
        assertThat(gate.onCheck(ALICE, false)).isEqualTo(new Decision.Locked(true));
        clock.advance(Duration.ofHours(2));
        assertThat(gate.onText(ALICE, Verification.ID_LAST4, Keyword.parseWithConsent("CXMYD")))
                .isEqualTo(new Decision.Locked(false));
        assertThat(gate.onText(BOB, Verification.ID_LAST4, Keyword.parseWithConsent("CXMYD")))
                .isEqualTo(new Decision.Prompt(Verification.ID_LAST4, false));
    }

    @Test
    void nothingIsKeptOnceTheConversationEnds() {
        gate.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("CXMYD"));
        assertThat(store.size()).isEqualTo(1);
        gate.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("Y"));
        assertThat(store.size()).isZero();
    }

    /** A clock for tests: stands still until moved. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
