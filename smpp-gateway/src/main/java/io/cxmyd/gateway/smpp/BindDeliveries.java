package io.cxmyd.gateway.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jsmpp.PDUException;
import org.jsmpp.PDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;

/**
 * The deliver_sm of one server bind, written without a thread waiting for each response
 * ({@link PipelinedRequests}); {@link GuardedPduReader} hands their responses here before jsmpp sees them.
 */
final class BindDeliveries {

    private static final RegisteredDelivery NO_RECEIPT = new RegisteredDelivery(0);

    private final PDUSender sender;
    private final OutputStream out;
    private final PipelinedRequests requests;

    /**
     * @param sender the connection's PDU sender (it serialises writes with the session's own)
     * @param timeout how long a deliver_sm waits for its response (the server's {@code responseTimeout})
     */
    BindDeliveries(PDUSender sender, OutputStream out, Duration timeout) {
        this.sender = sender;
        this.out = out;
        this.requests = new PipelinedRequests(SMPPConstant.CID_DELIVER_SM_RESP, timeout);
    }

    /**
     * Writes a deliver_sm and returns at once; the future completes with the response's command_status (a
     * generic_nack's too), or fails as {@link PipelinedRequests#send} says.
     *
     * @throws IOException nothing was written: the connection is closed or broke on this write
     * @throws PDUException the fields break an SMPP limit; nothing was written
     */
    CompletableFuture<Integer> deliver(SmppFields part, OptionalParameter[] tlvs) throws IOException, PDUException {
        return requests.send(sequence -> sender.sendDeliverSm(out, sequence, null,
                part.sourceTon(), part.sourceNpi(), part.source(),
                part.destinationTon(), part.destinationNpi(), part.destination(),
                part.esmClass(), (byte) 0, (byte) 0, NO_RECEIPT, part.dataCoding(), part.shortMessage(), tlvs))
                .thenApply(PipelinedRequests.Response::commandStatus);
    }

    /** For the reader thread: true when {@code pdu} answers a deliver_sm written here (jsmpp does not see it). */
    boolean answered(int commandId, int commandStatus, int sequence, byte[] pdu) {
        return requests.answered(commandId, commandStatus, sequence, pdu);
    }

    /** deliver_sm written and not answered yet. */
    int inFlight() {
        return requests.inFlight();
    }

    /** The connection is gone: every deliver_sm still waiting ends with {@link PipelinedRequests.LinkGone}. */
    void closed() {
        requests.closed();
    }

    /** A deliver_sm's fields in jsmpp's types. */
    record SmppFields(TypeOfNumber sourceTon, NumberingPlanIndicator sourceNpi, String source,
            TypeOfNumber destinationTon, NumberingPlanIndicator destinationNpi, String destination,
            ESMClass esmClass, DataCoding dataCoding, byte[] shortMessage) {
    }
}
