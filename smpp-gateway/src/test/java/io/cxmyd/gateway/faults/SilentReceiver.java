package io.cxmyd.gateway.faults;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A carrier's receiver bind whose SMSC hung after binding: the TCP connection stays open and its bytes are
 * read, but deliver_sm is never answered. {@link #bind} answers nothing at all, enquire_link included;
 * {@link #bindKeepingTheLinkAlive} is the half-dead SMSC whose link layer still works: it sends its own
 * enquire_link every 300 ms and answers the gateway's, so the link never looks idle. Records the command ids
 * it was sent and when the gateway closed the connection.
 */
final class SilentReceiver implements AutoCloseable {

    static final int BIND_RECEIVER = 0x00000001;
    static final int BIND_RECEIVER_RESP = 0x80000001;
    static final int DELIVER_SM = 0x00000005;
    static final int ENQUIRE_LINK = 0x00000015;
    static final int ENQUIRE_LINK_RESP = 0x80000015;

    private final Socket socket;
    private final DataInputStream in;
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closedByPeer = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean answersEnquireLink;
    private volatile Thread keepAlive;

    private SilentReceiver(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.reader = new Thread(this::readUntilClosed, "silent-receiver");
        this.reader.setDaemon(true);
    }

    /** Connects, binds as receiver and checks the bind_resp is ESME_ROK; from then on answers nothing. */
    static SilentReceiver bind(int port, String systemId, String password) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        SilentReceiver r = new SilentReceiver(socket);
        OutputStream out = socket.getOutputStream();
        out.write(bindReceiver(1, systemId, password));
        out.flush();
        int length = r.in.readInt();
        int id = r.in.readInt();
        int status = r.in.readInt();
        r.in.readInt(); // sequence
        r.in.readFully(new byte[length - 16]);
        if (id != BIND_RECEIVER_RESP || status != 0) {
            socket.close();
            throw new IOException("bind refused: id 0x" + Integer.toHexString(id) + " status 0x"
                    + Integer.toHexString(status));
        }
        socket.setSoTimeout(0);
        r.reader.start();
        return r;
    }

    /** Binds as {@link #bind} does, then keeps the link alive while still never answering deliver_sm. */
    static SilentReceiver bindKeepingTheLinkAlive(int port, String systemId, String password) throws IOException {
        SilentReceiver r = bind(port, systemId, password);
        r.answersEnquireLink = true;
        Thread t = new Thread(() -> {
            int sequence = 1000;
            try {
                while (!r.closedByGateway()) {
                    r.send(ENQUIRE_LINK, sequence++);
                    Thread.sleep(300);
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }, "silent-receiver-keepalive");
        t.setDaemon(true);
        r.keepAlive = t;
        t.start();
        return r;
    }

    private synchronized void send(int commandId, int sequence) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(ByteBuffer.allocate(16).putInt(16).putInt(commandId).putInt(0).putInt(sequence).array());
        out.flush();
    }

    /** Command ids of every PDU the gateway sent after the bind, in order. */
    List<Integer> received() {
        return List.copyOf(received);
    }

    long count(int commandId) {
        return received.stream().filter(i -> i == commandId).count();
    }

    /** Whether the gateway has closed the connection. */
    boolean closedByGateway() {
        return closedByPeer.getCount() == 0;
    }

    private void readUntilClosed() {
        try {
            while (true) {
                int length = in.readInt();
                int id = in.readInt();
                in.readInt(); // command_status
                int sequence = in.readInt();
                in.readFully(new byte[length - 16]);
                received.add(id);
                if (id == ENQUIRE_LINK && answersEnquireLink) {
                    send(ENQUIRE_LINK_RESP, sequence);
                }
            }
        } catch (EOFException e) {
            closedByPeer.countDown();
        } catch (IOException e) {
            // reset by the gateway, or closed by close(): either way the link is gone
            closedByPeer.countDown();
        }
    }

    private static byte[] bindReceiver(int sequence, String systemId, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, systemId);
        cstring(body, password);
        cstring(body, ""); // system_type
        body.write(0x34); // interface_version
        body.write(0); // addr_ton
        body.write(0); // addr_npi
        cstring(body, ""); // address_range
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(16 + b.length).putInt(16 + b.length).putInt(BIND_RECEIVER).putInt(0)
                .putInt(sequence).put(b).array();
    }

    private static void cstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        Thread t = keepAlive;
        if (t != null) {
            t.interrupt();
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
