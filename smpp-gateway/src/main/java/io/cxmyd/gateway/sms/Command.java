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

    /** Anything else: the gateway answers with the usage reply. */
    record Other() implements Command {
    }

    Other OTHER = new Other();
}
