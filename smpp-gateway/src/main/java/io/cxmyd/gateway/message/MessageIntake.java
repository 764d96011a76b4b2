package io.cxmyd.gateway.message;

/**
 * Where every link hands a subscriber's message: a submit_sm or data_sm on a bind into the gateway, a
 * deliver_sm on a bind out of it. Called on the link's I/O thread, which writes the response once it returns:
 * the answer comes at once ({@link Acceptance#status()} is the status to respond with) and the work goes on
 * elsewhere. {@link Acceptance#ACCEPTED} means the message is durably accepted and will be answered.
 */
@FunctionalInterface
public interface MessageIntake {

    Acceptance offer(InboundMessage message);

    /**
     * The same decision without the I/O thread waiting for it: the link writes the response when the answer's
     * acceptance completes, then starts its {@link Answer#afterTaken() work}. By default {@link #offer}'s
     * answer, at once.
     */
    default Answer offerLater(InboundMessage message) {
        return Answer.now(offer(message));
    }

    /**
     * Whether {@link #offerLater} never waits on the caller's thread: a link may then offer from its socket's
     * reader thread (a thread that waits there stops reading the link). False by default.
     */
    default boolean offersWithoutWaiting() {
        return false;
    }
}
