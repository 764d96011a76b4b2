package io.cxmyd.gateway.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests of one kind that the gateway writes on a jsmpp connection without a thread waiting for each
 * response: a window of futures, as netty SMPP stacks keep it. Used for deliver_sm on the server's binds and
 * for submit_sm on the ESME binds.
 *
 * <p>Why not jsmpp's own calls: {@code deliverShortMessage} and {@code submitShortMessage} block their caller
 * until the response, so every part in flight parked a thread and each response woke one: about three context
 * switches a query, 37% of the gateway's CPU at 16k queries/s (docs/performance.md). Here the request is
 * written with jsmpp's PDU sender under a sequence number of ours, and the connection's reader thread hands
 * the response to {@link #answered} before jsmpp sees it.
 *
 * <p>Sequence numbers: ours run from {@link #FIRST_SEQUENCE} to 0x7FFFFFFF and wrap. jsmpp numbers its own
 * requests (bind, enquire_link, unbind) from 1 up, one per request: it would need a billion of them on one
 * connection to reach ours, so a response in our range answers one of ours. One that comes after its request
 * timed out is dropped here, as jsmpp drops such responses.
 */
public final class PipelinedRequests {

    private static final Logger log = LoggerFactory.getLogger(PipelinedRequests.class);
    public static final int FIRST_SEQUENCE = 0x40000000;

    /** The connection went away with the request written and unanswered: the peer may or may not have it. */
    public static final class LinkGone extends IOException {
        private static final long serialVersionUID = 1L;

        LinkGone() {
            super("connection closed before the response");
        }
    }

    /** A response: its command_status, and the whole PDU (header included) for what its body carries. */
    public record Response(int commandStatus, byte[] pdu) {
    }

    /** Writes the request with the sequence number given. */
    @FunctionalInterface
    public interface Write {
        void to(int sequence) throws IOException, PDUException;
    }

    private final int responseCommandId;
    private final long timeoutNanos;
    private final Map<Integer, CompletableFuture<Response>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(FIRST_SEQUENCE);
    private volatile boolean closed;

    /**
     * @param responseCommandId the command_id of the responses awaited ({@code deliver_sm_resp},
     *     {@code submit_sm_resp}); a generic_nack in our range answers too
     * @param timeout how long a request waits for its response
     */
    public PipelinedRequests(int responseCommandId, Duration timeout) {
        this.responseCommandId = responseCommandId;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Whether {@code sequence} is in the range of the requests written here. */
    public static boolean ours(int sequence) {
        return sequence >= FIRST_SEQUENCE;
    }

    /**
     * Writes a request and returns at once. The future completes, on the reader thread, with the response (a
     * generic_nack's too), or fails (a {@link java.util.concurrent.CompletionException} around the cause) with
     * a {@link java.util.concurrent.TimeoutException} after the timeout or {@link LinkGone} when the connection
     * closes first; by then the request no longer counts in {@link #inFlight}.
     *
     * @throws IOException nothing was written: the connection is closed or broke on this write
     * @throws PDUException the fields break an SMPP limit; nothing was written
     */
    public CompletableFuture<Response> send(Write write) throws IOException, PDUException {
        int sequence = next.getAndUpdate(n -> n == Integer.MAX_VALUE ? FIRST_SEQUENCE : n + 1);
        CompletableFuture<Response> response = new CompletableFuture<>();
        // Registered before the write: the response may be read before the write call returns.
        waiting.put(sequence, response);
        try {
            if (closed) {
                throw new IOException("connection closed");
            }
            write.to(sequence);
        } catch (IOException | PDUException | RuntimeException e) {
            waiting.remove(sequence);
            throw e;
        }
        // The caller's stage is the one after the removal: whoever sees the request end (its outcome, a test,
        // the admin view's inFlight) sees it gone from the waiting requests too. Returning the request's own
        // future let a caller that chained on it after the timer had failed it run at once on its own thread,
        // while the timer thread had yet to remove it.
        return response.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .whenComplete((r, error) -> waiting.remove(sequence, response));
    }

    /**
     * Whether the reader should hand this PDU to {@link #answered} rather than to jsmpp: a response of our
     * kind, or a generic_nack, in our range.
     */
    public boolean takes(int commandId, int sequence) {
        return ours(sequence) && (commandId == responseCommandId || commandId == SMPPConstant.CID_GENERIC_NACK);
    }

    /**
     * Called by the reader thread with a PDU it {@link #takes}: completes its request. Returns false, changing
     * nothing, for any other PDU.
     */
    public boolean answered(int commandId, int commandStatus, int sequence, byte[] pdu) {
        if (!takes(commandId, sequence)) {
            return false;
        }
        CompletableFuture<Response> response = waiting.remove(sequence);
        if (response == null) {
            log.debug("response 0x{} to request {} came after its timeout: dropped", Integer.toHexString(commandId),
                    sequence);
        } else {
            response.complete(new Response(commandStatus, pdu));
        }
        return true;
    }

    /** Requests written and not answered yet. */
    public int inFlight() {
        return waiting.size();
    }

    /** The connection is gone: every request still waiting ends with {@link LinkGone}. */
    public void closed() {
        closed = true;
        for (Integer sequence : waiting.keySet()) {
            CompletableFuture<Response> response = waiting.remove(sequence);
            if (response != null) {
                response.completeExceptionally(new LinkGone());
            }
        }
    }
}
