package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.wire.GatheredWrites;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jsmpp.PDUReader;
import org.jsmpp.PDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.util.OctetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PDUReader} of every server session: reads whole PDUs with a bounded command_length and screens
 * them ({@link PduScreen}) before jsmpp sees them. One instance per session, used by its single reader thread.
 *
 * <p>Why not jsmpp's {@code DefaultPDUReader}: it allocates {@code new byte[command_length]} for whatever the
 * peer claims, before any bind, so a 16-byte header claiming 2 GB exhausts the heap (and a negative one kills
 * the reader with NegativeArraySizeException). Here a command_length below 16 or above the cap closes the
 * connection after a best-effort generic_nack ESME_RINVCMDLEN, without allocating anything.
 *
 * <p>The whole PDU is read in {@link #readPDUHeader}; {@link #readPDU} hands back what was read.
 */
final class GuardedPduReader implements PDUReader {

    private static final Logger log = LoggerFactory.getLogger(GuardedPduReader.class);
    private static final int HEADER_LENGTH = 16;

    private final int maxPduLength;
    private final long pduReadTimeoutNanos;
    private final LongSupplier nanoTime;
    private final Supplier<PduScreen.Phase> phase;
    private final PDUSender sender;
    private final OutputStream out;
    private final Supplier<String> logPrefix;
    private byte[] pending;
    private java.net.Socket socket;
    /** The socket's idle read timeout while a PDU's cut one is in force; -1 when it is not cut. */
    private int idleTimeout = -1;
    private ResponseTaker responses = (commandId, status, sequence, pdu) -> false;
    private ResponseTaker requests = (commandId, status, sequence, pdu) -> false;

    /**
     * Takes a PDU before jsmpp: the responses to requests written outside jsmpp ({@link BindDeliveries}), or
     * requests handled on the reader thread; true when it took it.
     */
    @FunctionalInterface
    interface ResponseTaker {
        boolean take(int commandId, int commandStatus, int sequence, byte[] pdu);
    }

    GuardedPduReader(int maxPduLength, Supplier<PduScreen.Phase> phase, PDUSender sender, OutputStream out,
            Supplier<String> logPrefix) {
        this(maxPduLength, Duration.ofSeconds(10), System::nanoTime, phase, sender, out, logPrefix);
    }

    /** @param pduReadTimeout once a PDU has begun, the time its last octet may take; checked on every read */
    GuardedPduReader(int maxPduLength, Duration pduReadTimeout, LongSupplier nanoTime, Supplier<PduScreen.Phase> phase,
            PDUSender sender, OutputStream out, Supplier<String> logPrefix) {
        this.maxPduLength = maxPduLength;
        this.pduReadTimeoutNanos = pduReadTimeout.toNanos();
        this.nanoTime = nanoTime;
        this.phase = phase;
        this.sender = sender;
        this.out = out;
        this.logPrefix = logPrefix;
    }

    /**
     * Lets a stalled PDU end on time: while a PDU is incomplete the socket's read timeout is cut to what is
     * left of {@code pduReadTimeout}, then put back. Without it a peer that sent 8 of 200 octets and stopped
     * held the connection until the idle read timeout (enquireLinkInterval, 30 s), not the 10 s documented.
     */
    GuardedPduReader withReadTimeout(java.net.Socket socket) {
        this.socket = socket;
        return this;
    }

    /** Responses that {@code taker} takes never reach jsmpp, which has no request waiting for them. */
    GuardedPduReader withResponses(ResponseTaker taker) {
        this.responses = taker;
        return this;
    }

    /**
     * Requests that {@code taker} takes (screened like any other first) are handled on this thread and never
     * reach jsmpp's PDU threads.
     */
    GuardedPduReader withRequests(ResponseTaker taker) {
        this.requests = taker;
        return this;
    }

    @Override
    public Command readPDUHeader(DataInputStream in) throws IOException {
        // This thread gathers what it writes while PDUs are buffered (the next reply parts, sent from the
        // responses taken below) and writes it out before it waits for the peer, or leaves for good.
        GatheredWrites.startOnThisThread();
        try {
            return nextForJsmpp(in);
        } catch (IOException | RuntimeException e) {
            GatheredWrites.flushHeld();
            throw e;
        }
    }

    private Command nextForJsmpp(DataInputStream in) throws IOException {
        while (true) {
            if (in.available() == 0) {
                GatheredWrites.flushHeld();
            }
            byte[] pdu = readWholePdu(in);
            Command header = header(pdu);
            if (responses.take(header.getCommandId(), header.getCommandStatus(), header.getSequenceNumber(), pdu)) {
                continue;
            }
            PduScreen.Verdict verdict = PduScreen.screen(phase.get(), header.getCommandId(), pdu);
            switch (verdict.action()) {
                case PASS -> {
                    if (requests.take(header.getCommandId(), header.getCommandStatus(), header.getSequenceNumber(),
                            pdu)) {
                        continue;
                    }
                    pending = pdu;
                    return header;
                }
                case ANSWER -> answer(verdict, header);
                case IGNORE -> log.debug("{} generic_nack 0x{} before the bind dropped unanswered", logPrefix.get(),
                        Integer.toHexString(header.getCommandId()));
                case ANSWER_AND_CLOSE -> {
                    answer(verdict, header);
                    throw new IOException("command_id 0x" + Integer.toHexString(header.getCommandId())
                            + " is no SMPP request; closing");
                }
            }
        }
    }

    @Override
    public byte[] readPDU(DataInputStream in, Command pduHeader) {
        return takePending(pduHeader.getSequenceNumber());
    }

    @Override
    public byte[] readPDU(DataInputStream in, int commandLength, int commandId, int commandStatus,
            int sequenceNumber) {
        return takePending(sequenceNumber);
    }

    private byte[] takePending(int sequenceNumber) {
        byte[] pdu = pending;
        pending = null;
        if (pdu == null || OctetUtil.bytesToInt(pdu, 12) != sequenceNumber) {
            throw new IllegalStateException("readPDU without a matching readPDUHeader");
        }
        return pdu;
    }

    private byte[] readWholePdu(DataInputStream in) throws IOException {
        // A read timeout before the first octet is an idle link (jsmpp then sends enquire_link); once a PDU
        // has begun, a stall would leave the stream mid-PDU, so it ends the connection instead.
        int first = in.read();
        if (first < 0) {
            throw new EOFException("connection closed by peer");
        }
        long deadline = nanoTime.getAsLong() + pduReadTimeoutNanos;
        try {
            byte[] lengthRest = new byte[3];
            readFully(in, lengthRest, 0, 3, deadline);
            int commandLength = (first << 24) | ((lengthRest[0] & 0xff) << 16) | ((lengthRest[1] & 0xff) << 8)
                    | (lengthRest[2] & 0xff);
            if (commandLength < HEADER_LENGTH || commandLength > maxPduLength) {
                refuseLength(commandLength);
            }
            byte[] pdu = new byte[commandLength];
            pdu[0] = (byte) first;
            System.arraycopy(lengthRest, 0, pdu, 1, 3);
            readFully(in, pdu, 4, commandLength - 4, deadline);
            return pdu;
        } catch (SocketTimeoutException e) {
            throw new IOException("peer stalled in the middle of a PDU", e);
        } finally {
            restoreIdleTimeout();
        }
    }

    /**
     * Like {@link DataInputStream#readFully}, but gives up once {@code deadline} has passed with octets still
     * missing. A silent peer is ended by the socket's read timeout; this ends one that keeps sending, slowly.
     * The socket's timeout is cut only for a read that may wait: a PDU already in the buffer (most of them
     * under load) leaves it alone.
     */
    private void readFully(DataInputStream in, byte[] buffer, int offset, int length, long deadline)
            throws IOException {
        int off = offset;
        int left = length;
        while (left > 0) {
            if (socket != null && in.available() < left) {
                cutTimeoutTo(deadline);
            }
            int n;
            try {
                n = in.read(buffer, off, left);
            } catch (SocketTimeoutException e) {
                if (socket != null) {
                    throw new PduTimeoutException(Duration.ofNanos(pduReadTimeoutNanos));
                }
                throw e;
            }
            if (n < 0) {
                throw new EOFException("connection closed in the middle of a PDU");
            }
            off += n;
            left -= n;
            if (left > 0 && nanoTime.getAsLong() - deadline > 0) {
                throw new PduTimeoutException(Duration.ofNanos(pduReadTimeoutNanos));
            }
        }
    }

    private void cutTimeoutTo(long deadline) throws IOException {
        if (idleTimeout < 0) {
            idleTimeout = socket.getSoTimeout();
        }
        long leftMillis = Math.max(1, (deadline - nanoTime.getAsLong()) / 1_000_000);
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }

    private void restoreIdleTimeout() throws IOException {
        if (idleTimeout >= 0) {
            int idle = idleTimeout;
            idleTimeout = -1;
            if (!socket.isClosed()) {
                socket.setSoTimeout(idle);
            }
        }
    }

    private void refuseLength(int commandLength) throws IOException {
        try {
            sender.sendGenericNack(out, SmppStatus.ESME_RINVCMDLEN.code(), 0);
        } catch (IOException e) {
            log.debug("{} generic_nack for a bad command_length not sent: {}", logPrefix.get(), e.getMessage());
        }
        throw new PduLengthException(commandLength, maxPduLength);
    }

    private void answer(PduScreen.Verdict verdict, Command request) throws IOException {
        log.debug("{} answering command_id 0x{} with {}", logPrefix.get(), Integer.toHexString(request.getCommandId()),
                verdict.status());
        if (verdict.responseCommandId() == SMPPConstant.CID_GENERIC_NACK) {
            sender.sendGenericNack(out, verdict.status().code(), request.getSequenceNumber());
        } else {
            sender.sendHeader(out, verdict.responseCommandId(), verdict.status().code(),
                    request.getSequenceNumber());
        }
    }

    private static Command header(byte[] pdu) {
        Command header = new Command();
        header.setCommandLength(OctetUtil.bytesToInt(pdu, 0));
        header.setCommandId(OctetUtil.bytesToInt(pdu, 4));
        header.setCommandStatus(OctetUtil.bytesToInt(pdu, 8));
        header.setSequenceNumber(OctetUtil.bytesToInt(pdu, 12));
        return header;
    }

    /** A PDU that did not arrive whole in time: the connection is closed. */
    static final class PduTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        PduTimeoutException(Duration timeout) {
            super("PDU not complete within " + timeout + "; closing");
        }
    }

    /** A command_length outside [16, cap]: the connection is closed. */
    static final class PduLengthException extends IOException {
        private static final long serialVersionUID = 1L;

        PduLengthException(int commandLength, int max) {
            super("command_length " + Integer.toUnsignedString(commandLength) + " outside [16, " + max + "]");
        }
    }
}
