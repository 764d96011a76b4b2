package io.cxmyd.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.consent.ConsentRules.Step;
import io.cxmyd.gateway.sms.Command;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The conversation, step by step, with time passed by hand. */
class ConsentRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = OffsetDateTime.parse("2026-11-21T09:30:00+08:00").toInstant();
    private static final Instant MIDNIGHT = OffsetDateTime.parse("2026-11-22T00:00:00+08:00").toInstant();
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final ConsentRules rules = new ConsentRules(new ConsentOptions(WINDOW, 3, SHANGHAI));

    private static final Command QUERY = new Command.Query("");
    private static final Command Y = Command.CONFIRM;
    private static final Command OTHER = Command.OTHER;

    private static Command code(String c) {
        return new Command.Verify(c, false);
    }

    private static Command bare(String c) {
        return new Command.Verify(c, true);
    }

    // confirm

    @Test
    void confirmQueryIsPromptedAndYWithinTheWindowSends() {
        Step prompt = rules.onText(null, Verification.CONFIRM, QUERY, T0);
        assertThat(prompt.decision()).isEqualTo(new Decision.Prompt(Verification.CONFIRM, false));
        assertThat(prompt.next().pendingUntil()).isEqualTo(T0.plus(WINDOW));

        Step send = rules.onText(prompt.next(), Verification.CONFIRM, Y, T0.plus(WINDOW).minusMillis(1));
        assertThat(send.decision()).isEqualTo(new Decision.Send(Verification.CONFIRM));
        assertThat(send.next()).as("nothing left to remember").isNull();
    }

    @Test
    void yAtTheEndOfTheWindowIsTooLateAndGetsTheUsageReply() {
        Step prompt = rules.onText(null, Verification.CONFIRM, QUERY, T0);
        Step late = rules.onText(prompt.next(), Verification.CONFIRM, Y, T0.plus(WINDOW));
        assertThat(late.decision()).isEqualTo(new Decision.Usage(true));
        assertThat(late.decision().outcome()).isEqualTo("expired");
        assertThat(late.next()).isNull();
    }

    @Test
    void yWithNothingPendingGetsTheUsageReply() {
        Step y = rules.onText(null, Verification.CONFIRM, Y, T0);
        assertThat(y.decision()).isEqualTo(new Decision.Usage(false));
        assertThat(y.decision().outcome()).isEqualTo("nothing_pending");
    }

    @Test
    void aSecondQueryWhilePendingPromptsAgainAndRestartsTheWindow() {
        Step first = rules.onText(null, Verification.CONFIRM, QUERY, T0);
        Instant later = T0.plus(Duration.ofMinutes(8));
        Step second = rules.onText(first.next(), Verification.CONFIRM, QUERY, later);
        assertThat(second.decision()).isEqualTo(new Decision.Prompt(Verification.CONFIRM, true));
        assertThat(second.next().pendingUntil()).isEqualTo(later.plus(WINDOW));
        // Past the first window, inside the second: still accepted.
        assertThat(rules.onText(second.next(), Verification.CONFIRM, Y, T0.plus(Duration.ofMinutes(15))).decision())
                .isEqualTo(new Decision.Send(Verification.CONFIRM));
    }

    @Test
    void anyOtherTextWhilePendingCancelsAndAYAfterThatIsUsage() {
        Step prompt = rules.onText(null, Verification.CONFIRM, QUERY, T0);
        Step no = rules.onText(prompt.next(), Verification.CONFIRM, OTHER, T0.plusSeconds(5));
        assertThat(no.decision()).isEqualTo(new Decision.Cancelled());
        assertThat(no.next()).isNull();
        assertThat(rules.onText(no.next(), Verification.CONFIRM, Y, T0.plusSeconds(6)).decision())
                .isEqualTo(new Decision.Usage(false));
    }

    @Test
    void aBareCodeWhilePendingOnAConfirmCarrierCancels() {
        Step prompt = rules.onText(null, Verification.CONFIRM, QUERY, T0);
        assertThat(rules.onText(prompt.next(), Verification.CONFIRM, bare("1234"), T0).decision())
                .isEqualTo(new Decision.Cancelled());
    }

    @Test
    void keywordWithCodeOnAConfirmCarrierIsJustAQuery() {
        assertThat(rules.onText(null, Verification.CONFIRM, code("1234"), T0).decision())
                .isEqualTo(new Decision.Prompt(Verification.CONFIRM, false));
    }

    // id-last4

    @Test
    void idQueryIsPromptedAndTheBareCodeIsChecked() {
        Step prompt = rules.onText(null, Verification.ID_LAST4, QUERY, T0);
        assertThat(prompt.decision()).isEqualTo(new Decision.Prompt(Verification.ID_LAST4, false));
        Step check = rules.onText(prompt.next(), Verification.ID_LAST4, bare("123X"), T0.plusSeconds(30));
        assertThat(check.decision()).isEqualTo(new Decision.Check("123X"));
        assertThat(rules.onCheck(check.next(), true, T0.plusSeconds(31)))
                .isEqualTo(new Step(null, new Decision.Send(Verification.ID_LAST4)));
    }

    @Test
    void keywordWithCodeIsCheckedWithoutAPrompt() {
        assertThat(rules.onText(null, Verification.ID_LAST4, code("0417"), T0).decision())
                .isEqualTo(new Decision.Check("0417"));
    }

    @Test
    void aBareCodeWithNothingPendingIsUsageNotACheck() {
        assertThat(rules.onText(null, Verification.ID_LAST4, bare("0417"), T0).decision())
                .isEqualTo(new Decision.Usage(false));
    }

    @Test
    void aBareCodeAfterTheWindowIsUsage() {
        Step prompt = rules.onText(null, Verification.ID_LAST4, QUERY, T0);
        assertThat(rules.onText(prompt.next(), Verification.ID_LAST4, bare("0417"), T0.plus(WINDOW)).decision())
                .isEqualTo(new Decision.Usage(true));
    }

    @Test
    void wrongCodesCountDownAndTheThirdLocksUntilMidnightInTheRulesZone() {
        Step prompt = rules.onText(null, Verification.ID_LAST4, QUERY, T0);
        Step first = rules.onCheck(prompt.next(), false, T0.plusSeconds(10));
        assertThat(first.decision()).isEqualTo(new Decision.WrongCode(2));
        assertThat(first.next().pendingUntil()).as("the prompt is renewed").isEqualTo(T0.plusSeconds(10).plus(WINDOW));
        Step second = rules.onCheck(first.next(), false, T0.plusSeconds(20));
        assertThat(second.decision()).isEqualTo(new Decision.WrongCode(1));
        Step third = rules.onCheck(second.next(), false, T0.plusSeconds(30));
        assertThat(third.decision()).isEqualTo(new Decision.Locked(true));
        assertThat(third.next().lockedUntil()).isEqualTo(MIDNIGHT);
        assertThat(third.next().pending()).isFalse();
        assertThat(rules.retainUntil(third.next())).isEqualTo(MIDNIGHT);
    }

    @Test
    void aLockedNumberIsRefusedEveryQueryAndCodeUntilMidnightThenServedAgain() {
        ConsentState locked = new ConsentState(null, 3, T0.atZone(SHANGHAI).toLocalDate(), MIDNIGHT);
        Instant justBefore = MIDNIGHT.minusMillis(1);
        assertThat(rules.onText(locked, Verification.ID_LAST4, QUERY, justBefore).decision())
                .isEqualTo(new Decision.Locked(false));
        assertThat(rules.onText(locked, Verification.ID_LAST4, code("0417"), justBefore).decision())
                .isEqualTo(new Decision.Locked(false));
        assertThat(rules.onText(locked, Verification.ID_LAST4, bare("0417"), justBefore).decision())
                .isEqualTo(new Decision.Locked(false));
        assertThat(rules.onText(locked, Verification.ID_LAST4, Y, justBefore).decision())
                .isEqualTo(new Decision.Usage(false));
        assertThat(rules.onCheck(locked, true, justBefore).decision())
                .as("a check finishing after another text locked the number").isEqualTo(new Decision.Locked(false));

        Step tomorrow = rules.onText(locked, Verification.ID_LAST4, code("0417"), MIDNIGHT);
        assertThat(tomorrow.decision()).isEqualTo(new Decision.Check("0417"));
        assertThat(rules.onCheck(tomorrow.next(), false, MIDNIGHT).decision())
                .as("yesterday's wrong codes no longer count").isEqualTo(new Decision.WrongCode(2));
    }

    @Test
    void aRightCodeForgetsEarlierWrongOnes() {
        Step wrong = rules.onCheck(null, false, T0);
        Step right = rules.onCheck(wrong.next(), true, T0.plusSeconds(5));
        assertThat(right.next()).isNull();
        assertThat(rules.onCheck(right.next(), false, T0.plusSeconds(6)).decision()).isEqualTo(new Decision.WrongCode(2));
    }

    @Test
    void otherTextWhileACodeIsPendingCancels() {
        Step prompt = rules.onText(null, Verification.ID_LAST4, QUERY, T0);
        assertThat(rules.onText(prompt.next(), Verification.ID_LAST4, Y, T0).decision()).isEqualTo(new Decision.Cancelled());
        assertThat(rules.onText(prompt.next(), Verification.ID_LAST4, OTHER, T0).decision())
                .isEqualTo(new Decision.Cancelled());
    }

    @Test
    void wrongCodesAreKeptUntilTheEndOfTheirDayEvenWithNothingPending() {
        Step wrong = rules.onCheck(null, false, T0);
        Step cancelled = rules.onText(wrong.next(), Verification.ID_LAST4, OTHER, T0.plusSeconds(1));
        assertThat(cancelled.next().wrongCodes()).isEqualTo(1);
        assertThat(rules.retainUntil(cancelled.next())).isEqualTo(MIDNIGHT);
    }

    @Test
    void aCarrierWithoutVerificationHasNoConsentStep() {
        assertThatThrownBy(() -> rules.onText(null, Verification.NONE, QUERY, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsAreValidatedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> new ConsentOptions(Duration.ZERO, 3, SHANGHAI)).hasMessageStartingWith("window:");
        assertThatThrownBy(() -> new ConsentOptions(WINDOW, 0, SHANGHAI))
                .hasMessage("maxAttempts: between 1 and 100, was 0");
    }
}
