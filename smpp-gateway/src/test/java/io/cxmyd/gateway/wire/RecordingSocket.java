package io.cxmyd.gateway.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Stands for a socket's output: records each write as one string; can hold writes back or fail them. */
final class RecordingSocket extends OutputStream {

    final List<String> writes = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate;
    private volatile IOException failure;

    /** The next writes wait until {@link #open} (a peer that stopped reading). */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    void failWith(IOException e) {
        failure = e;
    }

    @Override
    public void write(int b) {
        throw new UnsupportedOperationException("whole PDUs only");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        entered.countDown();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.write(b, off, len);
        writes.add(copy.toString(StandardCharsets.US_ASCII));
    }

    String all() {
        return String.join("", writes);
    }

    static byte[] pdu(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
