package io.cxmyd.gateway.consent;

import io.cxmyd.gateway.sms.Command;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The consent conversation of one subscriber as a pure state machine: given what is remembered, the
 * carrier's {@link Verification}, the parsed text and the time, what to do and what to remember next. No
 * clock, no store, no I/O: {@link ConsentGate} supplies them.
 *
 * <pre>
 * confirm:   CXMYD → prompt (pending)      Y while pending → send        Y otherwise → usage
 *            CXMYD while pending → prompt again, window restarted         anything else while pending → cancel
 * id-last4:  CXMYD → prompt (pending)      CXMYD#1234 → check            1234 while pending → check
 *            check right → send            check wrong → wrong code (pending renewed) or, at maxAttempts, locked
 *            locked → every CXMYD or code refused until the end of the day in the rules' zone
 * </pre>
 */
public final class ConsentRules {

    /** What to remember next ({@code null}: nothing) and what to do. */
    public record Step(ConsentState next, Decision decision) {
        public Step {
            Objects.requireNonNull(decision, "decision");
        }
    }

    private final ConsentOptions options;

    public ConsentRules(ConsentOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public ConsentOptions options() {
        return options;
    }

    /**
     * The step for {@code command} (from {@link io.cxmyd.gateway.sms.Keyword#parseWithConsent}) on a carrier
     * with {@code mode}, given {@code state} ({@code null}: nothing remembered).
     */
    public Step onText(ConsentState state, Verification mode, Command command, Instant now) {
        if (mode == Verification.NONE) {
            throw new IllegalArgumentException("mode: a carrier without verification has no consent step");
        }
        Current c = current(state, now);
        ConsentState s = c.state;
        if (mode == Verification.CONFIRM) {
            if (command instanceof Command.Query || command instanceof Command.Verify v && !v.bare()) {
                // CXMYD#1234 on a confirm carrier is a query: what follows the keyword chooses nothing (§5).
                return step(s.withPendingUntil(now.plus(options.window())), new Decision.Prompt(mode, s.pending()));
            }
            if (command instanceof Command.Confirm) {
                return s.pending()
                        ? step(s.withPendingUntil(null), new Decision.Send(mode))
                        : step(s, new Decision.Usage(c.expired));
            }
            return cancelOrUsage(c);
        }
        if (s.locked()) {
            return command instanceof Command.Query || command instanceof Command.Verify
                    ? step(s, new Decision.Locked(false))
                    : step(s, new Decision.Usage(false));
        }
        if (command instanceof Command.Query) {
            return step(s.withPendingUntil(now.plus(options.window())), new Decision.Prompt(mode, s.pending()));
        }
        if (command instanceof Command.Verify v && (!v.bare() || s.pending())) {
            return step(s, new Decision.Check(v.code()));
        }
        return cancelOrUsage(c);
    }

    /**
     * The step once the registry has answered a {@link Decision.Check}: {@code match} whether the code's
     * hash was the registered one.
     */
    public Step onCheck(ConsentState state, boolean match, Instant now) {
        Current c = current(state, now);
        ConsentState s = c.state;
        if (s.locked()) {
            // Another text of the same subscriber locked the number while this check ran.
            return step(s, new Decision.Locked(false));
        }
        if (match) {
            return step(ConsentState.EMPTY, new Decision.Send(Verification.ID_LAST4));
        }
        LocalDate today = LocalDate.ofInstant(now, options.zone());
        int wrong = s.wrongCodes() + 1;
        if (wrong >= options.maxAttempts()) {
            return step(new ConsentState(null, wrong, today, endOfDay(today)), new Decision.Locked(true));
        }
        return step(new ConsentState(now.plus(options.window()), wrong, today, null),
                new Decision.WrongCode(options.maxAttempts() - wrong));
    }

    /** The instant the store may forget {@code state}: nothing in it matters any more after it. */
    public Instant retainUntil(ConsentState state) {
        return state.retainUntil(state.wrongDay() == null ? null : endOfDay(state.wrongDay()));
    }

    private Step cancelOrUsage(Current c) {
        return c.state.pending()
                ? step(c.state.withPendingUntil(null), new Decision.Cancelled())
                : step(c.state, new Decision.Usage(c.expired));
    }

    private Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(options.zone()).toInstant();
    }

    private static Step step(ConsentState next, Decision decision) {
        return new Step(next.isEmpty() ? null : next, decision);
    }

    /** {@code state} as of {@code now}: an expired prompt, a past lockout and yesterday's count dropped. */
    private Current current(ConsentState state, Instant now) {
        if (state == null) {
            return new Current(ConsentState.EMPTY, false);
        }
        boolean expired = state.pendingUntil() != null && !now.isBefore(state.pendingUntil());
        Instant pending = expired ? null : state.pendingUntil();
        Instant locked = state.lockedUntil() != null && now.isBefore(state.lockedUntil()) ? state.lockedUntil() : null;
        boolean sameDay = state.wrongDay() != null && state.wrongDay().equals(LocalDate.ofInstant(now, options.zone()));
        return new Current(new ConsentState(pending, sameDay ? state.wrongCodes() : 0, sameDay ? state.wrongDay() : null,
                locked), expired);
    }

    private record Current(ConsentState state, boolean expired) {
    }
}
