package io.cxmyd.gateway.sms;

import java.util.Objects;

/**
 * What a subscriber's text asks for. Sealed so that later commands (a {@code Y} confirmation, a
 * {@code CXMYD#1234} verification code) are added as new records and every switch over it is checked by
 * the compiler.
 */
public sealed interface Command {

    /**
     * The itinerary query. {@code argument} is the normalised text after the keyword, trimmed (may be
     * empty). It is never used to choose whose itinerary is sent (itinerary-rules.md §5): only the sender's.
     */
    record Query(String argument) implements Command {
        public Query {
            Objects.requireNonNull(argument, "argument");
        }
    }

    /**
     * {@code Y}: the subscriber authorises the query a consent prompt asked about. Only read for carriers
     * with a verification step ({@link Keyword#parseWithConsent}).
     */
    record Confirm() implements Command {
    }

    /**
     * The last four characters of the subscriber's ID card, {@code code} upper-cased (digits, {@code X}
     * last). {@code bare} when the text was the four characters alone (an answer to a prompt, meaningful
     * only while one is pending), rather than {@code CXMYD#1234} / {@code CXMYD 1234}. Only read for
     * carriers with a verification step ({@link Keyword#parseWithConsent}).
     */
    record Verify(String code, boolean bare) implements Command {
        public Verify {
            Objects.requireNonNull(code, "code");
        }

        @Override
        public String toString() {
            return "Verify[code=****, bare=" + bare + "]"; // personal data: never in a log line
        }
    }

    /** Anything else: the gateway answers with the usage reply. */
    record Other() implements Command {
    }

    Other OTHER = new Other();

    Confirm CONFIRM = new Confirm();
}
