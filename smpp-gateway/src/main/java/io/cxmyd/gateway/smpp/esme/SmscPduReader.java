package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.smpp.PipelinedRequests;
import io.cxmyd.gateway.wire.GatheredWrites;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;

/**
 * jsmpp's PDU reader, with two changes for reading a carrier's SMSC.
 *
 * <p>A refused bind's response without a body: SMPP 3.4 §4.1 says the body of a bind_*_resp "is not returned
 * if the command_status field contains a non-zero value", and SMSCs that follow it (Cloudhopper-based ones,
 * among others) send a bare 16-octet header. jsmpp 3.0 cannot decode that (it expects system_id), drops the
 * PDU and waits for the bind timeout: the ESME_RALYBND or "too many sessions" it carried is lost, and the
 * gateway would treat the refusal as an unreachable SMSC. Such a response gets an empty system_id (one NUL)
 * before jsmpp decodes it.
 *
 * <p>A refused bind followed at once by the SMSC closing the connection (the usual way): jsmpp's reader thread
 * sees the end of stream and marks the session closed while the bind_resp still waits in its processing pool,
 * which then discards it, and the bind waits for its timeout all the same. After a refused bind_resp this reader
 * therefore lets a moment pass before it reads on, and keeps the status ({@link #refusal()}) for the caller in
 * case the race is lost anyway.
 *
 * <p>A command_length above {@link #MAX_PDU_LENGTH} closes the link instead of allocating what the peer claims.
 *
 * <p>Responses to our pipelined submit_sm ({@link #withResponses}) and the deliver_sm that can be handled here
 * ({@link #withRequests}) never reach jsmpp: no hand-off to its PDU threads for them.
 * One instance per session (its reader thread).
 */
final class SmscPduReader extends DefaultPDUReader {

    /** Far above any PDU an SMSC sends us (a deliver_sm with a 64 KB message_payload is the most). */
    static final int MAX_PDU_LENGTH = 70_000;
    private static final int HEADER = 16;
    /** Time for jsmpp's pool to hand a refused bind_resp to the waiting bind before the reader may see EOF. */
    private static final long SETTLE_MILLIS = 300;

    private volatile int refusal;
    /** This reader met the end of the connection (or a read error): jsmpp's reader thread closes the session. */
    private volatile boolean ended;
    private PipelinedRequests responses;
    private RequestTaker requests = (commandId, pdu) -> false;
    /** A PDU read for {@link #requests} and declined: jsmpp's {@link #readPDU} gets it. */
    private byte[] pending;

    /** Takes a request on the reader thread, before jsmpp; true when it took it (and answers it itself). */
    @FunctionalInterface
    interface RequestTaker {
        boolean take(int commandId, byte[] pdu);
    }

    /** The responses {@code requests} takes are handed to it here; jsmpp never sees them. */
    SmscPduReader withResponses(PipelinedRequests requests) {
        this.responses = requests;
        return this;
    }

    /** The requests {@code taker} takes are handled on this thread; jsmpp never sees them. */
    SmscPduReader withRequests(RequestTaker taker) {
        this.requests = taker;
        return this;
    }

    /** The status of a refused bind_resp this reader read, or 0. */
    int refusal() {
        return refusal;
    }

    /**
     * Whether this reader met the end of the connection or a read error (not a read timeout, which jsmpp takes
     * for quiet). Set before jsmpp's reader thread closes the session on it.
     */
    boolean ended() {
        return ended;
    }

    @Override
    public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
        if (refusal != 0) {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        // As in server mode (GuardedPduReader): what taking responses writes is gathered while PDUs are
        // buffered, and written out before this thread waits for the SMSC or leaves.
        GatheredWrites.startOnThisThread();
        try {
            return nextForJsmpp(in);
        } catch (SocketTimeoutException e) {
            GatheredWrites.flushHeld();
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException) {
                ended = true;
            }
            GatheredWrites.flushHeld();
            throw e;
        }
    }

    private Command nextForJsmpp(DataInputStream in) throws InvalidCommandLengthException, IOException {
        while (true) {
            if (in.available() == 0) {
                GatheredWrites.flushHeld();
            }
            Command header = super.readPDUHeader(in);
            if (header.getCommandLength() > MAX_PDU_LENGTH) {
                throw new IOException("command_length " + header.getCommandLength() + " above " + MAX_PDU_LENGTH);
            }
            if (responses != null && responses.takes(header.getCommandId(), header.getSequenceNumber())) {
                byte[] pdu = super.readPDU(in, header);
                responses.answered(header.getCommandId(), header.getCommandStatus(), header.getSequenceNumber(), pdu);
                continue;
            }
            if (header.getCommandId() != SMPPConstant.CID_DELIVER_SM) {
                return header;
            }
            byte[] pdu = super.readPDU(in, header);
            if (!requests.take(header.getCommandId(), pdu)) {
                pending = pdu;
                return header;
            }
        }
    }

    @Override
    public byte[] readPDU(DataInputStream in, Command header) throws IOException {
        byte[] read = pending;
        if (read != null) {
            pending = null;
            return read;
        }
        if (isBindResp(header.getCommandId()) && header.getCommandStatus() != 0) {
            refusal = header.getCommandStatus();
        }
        return padBodilessBindResp(super.readPDU(in, header));
    }

    @Override
    public byte[] readPDU(DataInputStream in, int commandLength, int commandId, int commandStatus,
            int sequenceNumber) throws IOException {
        byte[] read = pending;
        if (read != null) {
            pending = null;
            return read;
        }
        return padBodilessBindResp(super.readPDU(in, commandLength, commandId, commandStatus, sequenceNumber));
    }

    /** A bind_*_resp of 16 octets with a non-zero status gets a 17th: the empty system_id. Pure. */
    static byte[] padBodilessBindResp(byte[] pdu) {
        if (pdu.length != HEADER || !isBindResp(readInt(pdu, 4)) || readInt(pdu, 8) == 0) {
            return pdu;
        }
        byte[] padded = Arrays.copyOf(pdu, HEADER + 1);
        padded[3] = (byte) (HEADER + 1); // command_length 17, big-endian; the three octets before it stay 0
        return padded;
    }

    private static boolean isBindResp(int commandId) {
        return commandId == 0x80000001 || commandId == 0x80000002 || commandId == 0x80000009;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
