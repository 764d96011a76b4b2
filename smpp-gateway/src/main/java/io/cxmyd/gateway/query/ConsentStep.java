package io.cxmyd.gateway.query;

import java.util.Objects;

/** What the consent step concluded for one text: an answer of its own, or let the query go on. */
public sealed interface ConsentStep {

    /** The step answers the subscriber itself (a prompt, a wrong code, locked, unavailable...). */
    record Answer(Verdict verdict) implements ConsentStep {
        public Answer {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** Consent is given: look the itinerary up. */
    record Lookup() implements ConsentStep {
    }

    /** No consent question was asked or answered: the text gets the usage reply like any unknown text. */
    record NotAsked() implements ConsentStep {
    }
}
