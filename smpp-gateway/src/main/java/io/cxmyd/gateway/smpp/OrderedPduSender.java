package io.cxmyd.gateway.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;

/**
 * jsmpp's PDU sender for one server session, telling {@link ResponseOrder} when the response to a submit_sm
 * or data_sm has been written, whatever it says (ROK, a refusal, ESME_RTHROTTLED, a generic_nack) and even when
 * the write failed. Wrapped in jsmpp's {@code SynchronizedPDUSender} like the default one.
 */
final class OrderedPduSender extends DefaultPDUSender {

    private final Map<Integer, ResponseOrder.Ticket> awaiting = new ConcurrentHashMap<>();

    /** The request with {@code sequence} holds {@code ticket} until its response is written. */
    void awaiting(int sequence, ResponseOrder.Ticket ticket) {
        ResponseOrder.Ticket previous = awaiting.put(sequence, ticket);
        if (previous != null) {
            previous.done(); // a peer reusing a sequence number: the older one is answered or never will be
        }
    }

    /** The connection is gone: nothing more will be written, no deliver_sm waits for it. */
    void closed() {
        awaiting.values().forEach(ResponseOrder.Ticket::done);
        awaiting.clear();
    }

    private void written(int sequence) {
        ResponseOrder.Ticket ticket = awaiting.remove(sequence);
        if (ticket != null) {
            ticket.done();
        }
    }

    @Override
    public byte[] sendSubmitSmResp(OutputStream os, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        try {
            return super.sendSubmitSmResp(os, sequenceNumber, messageId, optionalParameters);
        } finally {
            written(sequenceNumber);
        }
    }

    @Override
    public byte[] sendDataSmResp(OutputStream os, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        try {
            return super.sendDataSmResp(os, sequenceNumber, messageId, optionalParameters);
        } finally {
            written(sequenceNumber);
        }
    }

    @Override
    public byte[] sendDataSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        try {
            return super.sendDataSmResp(os, commandStatus, sequenceNumber, messageId, optionalParameters);
        } finally {
            written(sequenceNumber);
        }
    }

    /** jsmpp writes refusals (submit_sm_resp with an error status) as a bare header. */
    @Override
    public byte[] sendHeader(OutputStream os, int commandId, int commandStatus, int sequenceNumber)
            throws IOException {
        try {
            return super.sendHeader(os, commandId, commandStatus, sequenceNumber);
        } finally {
            if (commandId == SMPPConstant.CID_SUBMIT_SM_RESP || commandId == SMPPConstant.CID_DATA_SM_RESP) {
                written(sequenceNumber);
            }
        }
    }

    @Override
    public byte[] sendGenericNack(OutputStream os, int commandStatus, int sequenceNumber) throws IOException {
        try {
            return super.sendGenericNack(os, commandStatus, sequenceNumber);
        } finally {
            written(sequenceNumber);
        }
    }
}
