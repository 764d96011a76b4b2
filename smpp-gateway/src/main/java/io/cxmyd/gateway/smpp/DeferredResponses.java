package io.cxmyd.gateway.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cxmyd.gateway.message.SmppStatus;
import org.jsmpp.PDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.OptionalParameter;

/**
 * The PDU sender of one connection, able to answer submit_sm and data_sm later than jsmpp does.
 *
 * <p>jsmpp's server session writes a submit_sm_resp / data_sm_resp as soon as the listener returns its result,
 * on the PDU thread; it has no way to answer later. Waiting in the listener for the journal's fsync parked one
 * PDU thread per query in flight (docs/performance.md). So the listener returns at once with the message id it
 * chose, after {@link #defer deferring} that id: jsmpp's own write of the response is then skipped here, and
 * {@link #respond} writes the real one when the status is known. Message ids are random 64-bit values, unique
 * per query, so a peer reusing sequence numbers cannot make one query's response suppress another's.
 */
final class DeferredResponses extends SynchronizedPDUSender {

    private final OutputStream out;
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();

    DeferredResponses(PDUSender sender, OutputStream out) {
        super(sender);
        this.out = out;
    }

    /** The response carrying {@code messageId} is written by {@link #respond}; jsmpp's write of it is skipped. */
    void defer(String messageId) {
        deferred.add(messageId);
    }

    /**
     * Writes the response to the submit_sm ({@code commandId} {@link SMPPConstant#CID_SUBMIT_SM}) or data_sm
     * of {@code sequence}: with {@code messageId} for ESME_ROK, a header alone for a refusal (SMPP 3.4 §4.4.2:
     * no body when the status is not 0).
     */
    void respond(int commandId, int sequence, SmppStatus status, String messageId) throws IOException {
        if (status != SmppStatus.ESME_ROK) {
            super.sendHeader(out, commandId | SMPPConstant.MASK_CID_RESP, status.code(), sequence);
            return;
        }
        try {
            if (commandId == SMPPConstant.CID_DATA_SM) {
                // jsmpp's order here: command_status before sequence_number.
                super.sendDataSmResp(out, SmppStatus.ESME_ROK.code(), sequence, messageId);
            } else {
                super.sendSubmitSmResp(out, sequence, messageId);
            }
        } catch (PDUStringException e) {
            throw new IllegalStateException("a 16-character message id is always valid", e);
        }
    }

    @Override
    public byte[] sendSubmitSmResp(OutputStream os, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        if (deferred.remove(messageId)) {
            return new byte[0];
        }
        return super.sendSubmitSmResp(os, sequenceNumber, messageId, optionalParameters);
    }

    @Override
    public byte[] sendDataSmResp(OutputStream os, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        if (deferred.remove(messageId)) {
            return new byte[0];
        }
        return super.sendDataSmResp(os, sequenceNumber, messageId, optionalParameters);
    }

    @Override
    public byte[] sendDataSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        if (deferred.remove(messageId)) {
            return new byte[0];
        }
        return super.sendDataSmResp(os, commandStatus, sequenceNumber, messageId, optionalParameters);
    }
}
