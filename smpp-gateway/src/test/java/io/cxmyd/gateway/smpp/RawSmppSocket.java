package io.cxmyd.gateway.smpp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** A plain socket that writes arbitrary bytes and reads whole PDUs: the hostile or silent peer of the tests. */
final class RawSmppSocket implements AutoCloseable {

    /** One PDU read back. */
    record Pdu(int commandId, int status, int sequence, byte[] body) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawSmppSocket(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over an already connected socket (an SSLSocket, or one bound to another loopback address). */
    RawSmppSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawSmppSocket write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next PDU, waiting up to {@code timeout}; fails on timeout or a closed connection. */
    Pdu read(Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        int length = in.readInt();
        int id = in.readInt();
        int status = in.readInt();
        int seq = in.readInt();
        byte[] body = new byte[length - 16];
        in.readFully(body);
        return new Pdu(id, status, seq, body);
    }

    /** Octets the kernel has received on this connection and nobody has read yet. */
    int octetsWaiting() throws IOException {
        return in.available();
    }

    /** The next PDU that is not an enquire_link (those are answered), waiting up to {@code timeout}. */
    Pdu readAnsweringEnquireLinks(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Pdu pdu = read(Duration.between(Instant.now(), deadline).plusMillis(1));
            if (pdu.commandId() != Pdus.ENQUIRE_LINK) {
                return pdu;
            }
            write(Pdus.pdu(Pdus.ENQUIRE_LINK | Pdus.RESP, 0, pdu.sequence(), new byte[0]));
        }
    }

    /**
     * Whether the server closes the connection within {@code timeout}, reading (and ignoring) whatever it
     * sends before closing, such as a generic_nack.
     */
    boolean closedByPeerWithin(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        byte[] sink = new byte[4096];
        try {
            while (Instant.now().isBefore(deadline)) {
                socket.setSoTimeout(Math.max(1, (int) Duration.between(Instant.now(), deadline).toMillis()));
                if (in.read(sink) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | SocketException e) {
            return true; // reset by the peer
        }
    }

    /** A connection to 127.0.0.1:{@code port} from {@code localAddress} (Linux answers on all of 127/8). */
    static RawSmppSocket from(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        return new RawSmppSocket(socket);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static String hex(byte[] bytes) {
        return Arrays.toString(bytes);
    }
}
