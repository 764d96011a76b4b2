package io.cxmyd.gateway.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.PDUException;
import org.jsmpp.PDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliver_sm of one server bind, written without a thread waiting for each response: a window of futures,
 * as netty SMPP stacks keep it.
 *
 * <p>Why not jsmpp's {@code deliverShortMessage}: it blocks its caller until the deliver_sm_resp, so every part
 * in flight parked a sender thread, and each response woke one: about three context switches a query, 37% of
 * the gateway's CPU at 16k queries/s (docs/performance.md). Here the deliver_sm is written with jsmpp's own PDU
 * sender under a sequence number of ours, and the bind's reader thread ({@link GuardedPduReader}) hands the
 * response to {@link #answered} before jsmpp sees it.
 *
 * <p>Sequence numbers: ours run from {@link #FIRST_SEQUENCE} to 0x7FFFFFFF and wrap. jsmpp numbers its own
 * requests (enquire_link, unbind) from 1 up, one per request: it would need a billion of them on one
 * connection to reach ours, so a response in our range answers one of ours. A response that comes after its
 * deliver_sm timed out is dropped here, as jsmpp would drop it.
 */
final class BindDeliveries {

    private static final Logger log = LoggerFactory.getLogger(BindDeliveries.class);
    static final int FIRST_SEQUENCE = 0x40000000;

    /** The bind went away with a deliver_sm written and unanswered: the carrier may or may not have it. */
    static final class LinkGone extends IOException {
        private static final long serialVersionUID = 1L;

        LinkGone() {
            super("connection closed before the response");
        }
    }

    private final PDUSender sender;
    private final OutputStream out;
    private final long timeoutNanos;
    private final Map<Integer, CompletableFuture<Integer>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(FIRST_SEQUENCE);
    private volatile boolean closed;

    /**
     * @param sender the connection's PDU sender (it serialises writes with the session's own)
     * @param timeout how long a deliver_sm waits for its response (the server's {@code responseTimeout})
     */
    BindDeliveries(PDUSender sender, OutputStream out, Duration timeout) {
        this.sender = sender;
        this.out = out;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Whether {@code sequence} is in the range of the deliver_sm written here. */
    static boolean ours(int sequence) {
        return sequence >= FIRST_SEQUENCE;
    }

    /**
     * Writes a deliver_sm and returns at once. The future completes, on the reader thread, with the response's
     * command_status (a generic_nack's too), or fails with a {@link java.util.concurrent.TimeoutException}
     * after the timeout or {@link LinkGone} when the connection closes first.
     *
     * @throws IOException nothing was written: the connection is closed or broke on this write
     * @throws PDUException the fields break an SMPP limit; nothing was written
     */
    CompletableFuture<Integer> deliver(SmppFields part, OptionalParameter[] tlvs) throws IOException, PDUException {
        int sequence = next.getAndUpdate(n -> n == Integer.MAX_VALUE ? FIRST_SEQUENCE : n + 1);
        CompletableFuture<Integer> response = new CompletableFuture<>();
        // Registered before the write: the response may be read before the write call returns.
        waiting.put(sequence, response);
        try {
            if (closed) {
                throw new IOException("connection closed");
            }
            sender.sendDeliverSm(out, sequence, null,
                    part.sourceTon(), part.sourceNpi(), part.source(),
                    part.destinationTon(), part.destinationNpi(), part.destination(),
                    part.esmClass(), (byte) 0, (byte) 0, NO_RECEIPT, part.dataCoding(), part.shortMessage(), tlvs);
        } catch (IOException | PDUException | RuntimeException e) {
            waiting.remove(sequence);
            throw e;
        }
        response.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .whenComplete((status, error) -> waiting.remove(sequence, response));
        return response;
    }

    /**
     * Called by the reader thread for every deliver_sm_resp and generic_nack: true when it answers a deliver_sm
     * written here (then jsmpp does not see it).
     */
    boolean answered(int commandId, int commandStatus, int sequence) {
        if (!ours(sequence) || (commandId != SMPPConstant.CID_DELIVER_SM_RESP
                && commandId != SMPPConstant.CID_GENERIC_NACK)) {
            return false;
        }
        CompletableFuture<Integer> response = waiting.remove(sequence);
        if (response == null) {
            log.debug("response 0x{} to deliver_sm {} came after its timeout: dropped",
                    Integer.toHexString(commandId), sequence);
        } else {
            response.complete(commandStatus);
        }
        return true;
    }

    /** deliver_sm written and not answered yet. */
    int inFlight() {
        return waiting.size();
    }

    /** The connection is gone: every deliver_sm still waiting ends with {@link LinkGone}. */
    void closed() {
        closed = true;
        for (Integer sequence : waiting.keySet()) {
            CompletableFuture<Integer> response = waiting.remove(sequence);
            if (response != null) {
                response.completeExceptionally(new LinkGone());
            }
        }
    }

    private static final RegisteredDelivery NO_RECEIPT = new RegisteredDelivery(0);

    /** A deliver_sm's fields in jsmpp's types. */
    record SmppFields(TypeOfNumber sourceTon, NumberingPlanIndicator sourceNpi, String source,
            TypeOfNumber destinationTon, NumberingPlanIndicator destinationNpi, String destination,
            ESMClass esmClass, DataCoding dataCoding, byte[] shortMessage) {
    }
}
