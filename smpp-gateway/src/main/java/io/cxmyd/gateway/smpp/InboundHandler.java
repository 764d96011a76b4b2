package io.cxmyd.gateway.smpp;

/**
 * Receives subscribers' messages. Called on the SMPP layer's PDU threads, which also write the
 * submit_sm_resp after it returns: it must answer at once (accept or a status) and do its work elsewhere.
 */
@FunctionalInterface
public interface InboundHandler {

    /** {@link SmppStatus#ESME_ROK} to accept, else the status for submit_sm_resp / data_sm_resp. */
    SmppStatus onMessage(InboundMessage message);
}
