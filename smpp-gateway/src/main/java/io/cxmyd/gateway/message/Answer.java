package io.cxmyd.gateway.message;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Acceptance} that may be decided later (a durable accept waits for an fsync), and the work to start
 * once the link has written the response of a taken one. The link writes the response when the acceptance
 * completes, on the thread that completes it: no I/O thread waits. Running {@code afterTaken} only then
 * keeps whatever the message sends back (its reply, a receipt) behind its response on the wire.
 */
public final class Answer {

    private static final Runnable NOTHING = () -> {
    };

    private final CompletionStage<Acceptance> acceptance;
    private final Runnable afterTaken;

    private Answer(CompletionStage<Acceptance> acceptance, Runnable afterTaken) {
        this.acceptance = Objects.requireNonNull(acceptance, "acceptance");
        this.afterTaken = Objects.requireNonNull(afterTaken, "afterTaken");
    }

    /** Decided at once; nothing to start after the response. */
    public static Answer now(Acceptance acceptance) {
        return new Answer(CompletableFuture.completedFuture(acceptance), NOTHING);
    }

    /**
     * Decided when {@code acceptance} completes (normally; an exception is answered as
     * {@link Acceptance#INTERNAL_ERROR}); {@code afterTaken} runs after the response of a
     * {@link Acceptance#taken() taken} one is written, or could not be (the message is accepted all the same).
     */
    public static Answer later(CompletionStage<Acceptance> acceptance, Runnable afterTaken) {
        return new Answer(acceptance, afterTaken);
    }

    public CompletionStage<Acceptance> acceptance() {
        return acceptance;
    }

    public Runnable afterTaken() {
        return afterTaken;
    }
}
