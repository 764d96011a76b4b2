package io.cxmyd.gateway.consent;

/** What the gateway does with one subscriber text on a carrier with a consent step. */
public sealed interface Decision {

    /** The word the audit log records. */
    String outcome();

    /** Send the consent prompt of {@code mode}; {@code again} when it replaced a pending one. */
    record Prompt(Verification mode, boolean again) implements Decision {
        @Override
        public String outcome() {
            return again ? "prompted_again" : "prompted";
        }
    }

    /** Consent given ({@code Y} or the right code): look the itinerary up and send it. */
    record Send(Verification mode) implements Decision {
        @Override
        public String outcome() {
            return mode == Verification.CONFIRM ? "confirmed" : "verified";
        }
    }

    /**
     * Check {@code code} against the registry's hash, then report with
     * {@link ConsentGate#onCheck}. Not an outcome of its own: the check's is recorded.
     */
    record Check(String code) implements Decision {
        @Override
        public String outcome() {
            return "checking";
        }

        @Override
        public String toString() {
            return "Check[code=****]";
        }
    }

    /** A wrong code: {@code attemptsLeft} more today. */
    record WrongCode(int attemptsLeft) implements Decision {
        @Override
        public String outcome() {
            return "wrong_code";
        }
    }

    /** Locked for the rest of the day ({@code now}: by this very answer). */
    record Locked(boolean now) implements Decision {
        @Override
        public String outcome() {
            return now ? "locked" : "refused_locked";
        }
    }

    /** The pending query was cancelled by a text that was not its answer. */
    record Cancelled() implements Decision {
        @Override
        public String outcome() {
            return "cancelled";
        }
    }

    /**
     * No consent conversation: the text is answered with the usage reply. {@code expired} when a prompt
     * had been sent but its window had passed.
     */
    record Usage(boolean expired) implements Decision {
        @Override
        public String outcome() {
            return expired ? "expired" : "nothing_pending";
        }
    }
}
