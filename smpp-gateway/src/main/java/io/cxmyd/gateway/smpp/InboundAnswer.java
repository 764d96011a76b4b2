package io.cxmyd.gateway.smpp;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What an {@link InboundHandler} answers a submit_sm or data_sm with: a status known now, or one a durable
 * accept completes later. The SMPP layer writes the response once the status is known, on the thread that
 * completes it (no PDU thread waits for an fsync), and then, for ESME_ROK only, runs {@code afterAccepted}:
 * whatever the query sends back (its reply, a receipt) thus follows its response on the wire.
 */
public final class InboundAnswer {

    private static final Runnable NOTHING = () -> {
    };

    private final CompletionStage<SmppStatus> status;
    private final Runnable afterAccepted;

    private InboundAnswer(CompletionStage<SmppStatus> status, Runnable afterAccepted) {
        this.status = Objects.requireNonNull(status, "status");
        this.afterAccepted = Objects.requireNonNull(afterAccepted, "afterAccepted");
    }

    /** A status decided at once, nothing to run after the response. */
    public static InboundAnswer now(SmppStatus status) {
        return new InboundAnswer(CompletableFuture.completedFuture(status), NOTHING);
    }

    /**
     * A status decided later: {@code status} must complete, normally (an exception is answered ESME_RSYSERR);
     * {@code afterAccepted} runs once an ESME_ROK response is written (or could not be: the query is accepted
     * all the same).
     */
    public static InboundAnswer later(CompletionStage<SmppStatus> status, Runnable afterAccepted) {
        return new InboundAnswer(status, afterAccepted);
    }

    public CompletionStage<SmppStatus> status() {
        return status;
    }

    public Runnable afterAccepted() {
        return afterAccepted;
    }
}
