package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.message.SmppStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;

/**
 * The PDU sender of one ESME bind, able to answer a deliver_sm later than jsmpp does.
 *
 * <p>jsmpp's client writes the deliver_sm_resp when the listener returns, on its PDU thread; waiting there for
 * the journal's fsync parked one thread per query in flight (docs/performance.md, sixth run). So the
 * listener {@link #defer defers} the response by its sequence number and returns; jsmpp's own write of it is
 * skipped here, and {@link #respond} writes the real one once the accept is decided. Counted per sequence
 * number, so an SMSC that reuses one while an earlier deliver_sm with it is still unanswered loses nothing.
 */
final class DeliverSmResponses extends SynchronizedPDUSender {

    private final ConcurrentHashMap<Integer, Integer> deferred = new ConcurrentHashMap<>();
    private volatile OutputStream out;

    DeliverSmResponses() {
        super(new DefaultPDUSender());
    }

    /** The bind's connection, once jsmpp opened it. */
    void writeTo(OutputStream connection) {
        this.out = connection;
    }

    /** jsmpp's ESME_ROK response to the deliver_sm of {@code sequence} is skipped; {@link #respond} writes it. */
    void defer(int sequence) {
        deferred.merge(sequence, 1, Integer::sum);
    }

    /**
     * The deliver_sm_resp of {@code sequence}: with an empty message_id for ESME_ROK, as jsmpp writes it, a
     * header alone for a refusal, as jsmpp writes those too.
     */
    void respond(int sequence, SmppStatus status) throws IOException {
        OutputStream connection = out;
        if (connection == null) {
            throw new IOException("no connection to answer on");
        }
        if (status == SmppStatus.ESME_ROK) {
            super.sendDeliverSmResp(connection, 0, sequence, null);
        } else {
            super.sendHeader(connection, SMPPConstant.CID_DELIVER_SM_RESP, status.code(), sequence);
        }
    }

    @Override
    public byte[] sendDeliverSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId)
            throws IOException {
        if (commandStatus == 0 && takeDeferred(sequenceNumber)) {
            return new byte[0];
        }
        return super.sendDeliverSmResp(os, commandStatus, sequenceNumber, messageId);
    }

    private boolean takeDeferred(int sequence) {
        boolean[] taken = {false};
        deferred.computeIfPresent(sequence, (s, n) -> {
            taken[0] = true;
            return n > 1 ? n - 1 : null;
        });
        return taken[0];
    }
}
