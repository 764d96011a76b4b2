package io.cxmyd.gateway.query;

import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.itinerary.LookupResult;
import java.time.Duration;
import java.util.Objects;

/**
 * What the decide room concluded about one query: the reply to write (its kind and what it needs), or
 * silence. {@link #outcome()} is the one mapping from what the subscriber hears to the metric's outcome.
 */
public sealed interface Verdict {

    /** The kind of reply to send; {@code null} when none goes out. */
    ReplyKind kind();

    /** How the query counts in {@code cxmyd_queries_total{outcome}}. */
    default QueryOutcome outcome() {
        return outcomeOf(kind());
    }

    /** The lookup ran (or failed: {@link LookupResult.Unavailable}): the itinerary, or why there is none. */
    record Looked(LookupResult result) implements Verdict {
        public Looked {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public ReplyKind kind() {
            return ReplyKind.of(result);
        }
    }

    /** The text was not the keyword: the usage reply. */
    record Usage() implements Verdict {
        @Override
        public ReplyKind kind() {
            return ReplyKind.USAGE;
        }
    }

    /** The first query over the per-subscriber limit: told to try later. */
    record TooFrequent() implements Verdict {
        @Override
        public ReplyKind kind() {
            return ReplyKind.TOO_FREQUENT;
        }
    }

    /** The consent prompt of {@code mode}, valid for {@code window}. */
    record Prompt(Verification mode, Duration window) implements Verdict {
        @Override
        public ReplyKind kind() {
            return ReplyKind.CONSENT_PROMPT;
        }
    }

    /** A wrong ID code with {@code attemptsLeft} more tries within {@code window}. */
    record WrongCode(int attemptsLeft, Duration window) implements Verdict {
        @Override
        public ReplyKind kind() {
            return ReplyKind.CONSENT_WRONG_CODE;
        }
    }

    /** The consent step ended without an itinerary: locked, cancelled, or no ID on file. */
    record ConsentEnded(ReplyKind kind) implements Verdict {
        public ConsentEnded {
            if (kind != ReplyKind.CONSENT_LOCKED && kind != ReplyKind.CONSENT_CANCELLED
                    && kind != ReplyKind.CONSENT_UNVERIFIABLE) {
                throw new IllegalArgumentException("not an end of the consent step: " + kind);
            }
        }
    }

    /** No reply at all (over the limit again, a usage reply sent too recently). */
    record Silent(QueryOutcome outcome) implements Verdict {
        public Silent {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public ReplyKind kind() {
            return null;
        }
    }

    /** The outcome a reply of {@code kind} counts as. */
    static QueryOutcome outcomeOf(ReplyKind kind) {
        return switch (kind) {
            case FOUND -> QueryOutcome.SERVED;
            case NOTHING_QUALIFIED -> QueryOutcome.NOTHING_QUALIFIED;
            case NEW_ACCOUNT -> QueryOutcome.NEW_ACCOUNT;
            case NO_DATA -> QueryOutcome.NO_DATA;
            case UNAVAILABLE -> QueryOutcome.UNAVAILABLE;
            case USAGE -> QueryOutcome.UNKNOWN_KEYWORD;
            case TOO_FREQUENT -> QueryOutcome.THROTTLED;
            case CONSENT_PROMPT, CONSENT_WRONG_CODE -> QueryOutcome.CONSENT_ASKED;
            case CONSENT_LOCKED, CONSENT_CANCELLED, CONSENT_UNVERIFIABLE -> QueryOutcome.CONSENT_REFUSED;
        };
    }
}
