package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.wire.GatheringOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import org.jsmpp.session.connection.Connection;

/**
 * jsmpp's socket connection with its output {@link GatheringOutputStream gathered}: every PDU of the session,
 * jsmpp's and ours, goes through the same buffer, so the order on the wire is the order of the writes.
 */
public final class GatheringConnection implements Connection {

    /** Octets that may wait behind a socket write in progress before writers wait (a few hundred PDUs). */
    private static final int BEHIND_A_WRITE = 64 * 1024;

    private final Connection socket;
    private final GatheringOutputStream out;

    public GatheringConnection(Connection socket) {
        this.socket = socket;
        this.out = new GatheringOutputStream(socket.getOutputStream(), BEHIND_A_WRITE);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InputStream getInputStream() {
        return socket.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws IOException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
