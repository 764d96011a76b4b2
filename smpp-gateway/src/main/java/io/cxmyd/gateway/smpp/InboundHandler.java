package io.cxmyd.gateway.smpp;

/**
 * Receives subscribers' messages, on the SMPP layer's PDU threads: it must return at once and do its work
 * elsewhere.
 */
@FunctionalInterface
public interface InboundHandler {

    /**
     * {@link SmppStatus#ESME_ROK} to accept, else the status for submit_sm_resp / data_sm_resp; the response
     * is written when this returns.
     */
    SmppStatus onMessage(InboundMessage message);

    /**
     * The same decision, possibly completed later (a durable accept): the response is written when the
     * answer's status completes, without a PDU thread waiting for it. By default {@link #onMessage}'s status.
     */
    default InboundAnswer answer(InboundMessage message) {
        return InboundAnswer.now(onMessage(message));
    }
}
