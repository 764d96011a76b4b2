package io.cxmyd.gateway.wire;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A connection's output that several threads write PDUs to, each PDU a {@code write} then a {@code flush}.
 * Bytes are appended to one buffer, in the order the writes happen, and leave in as few socket writes as
 * possible:
 * <ul>
 * <li>a thread that {@link GatheredWrites gathers} returns from {@code flush} at once; its bytes leave when it
 *     flushes what it holds (or with whatever another thread writes out first);</li>
 * <li>any other thread's {@code flush} returns once its bytes are on the socket, as a plain socket write
 *     does: written by itself, or by the thread that was writing when it came, which takes everything
 *     buffered each turn.</li>
 * </ul>
 * One thread writes to the socket at a time. A writer that finds more than {@code limit} bytes waiting behind
 * a socket write in progress waits for it, so a peer that stops reading holds writers back as before instead
 * of growing the buffer. After a failed socket write every later write fails with it.
 */
public final class GatheringOutputStream extends OutputStream {

    private static final int INITIAL = 4096;
    /** A larger buffer is not kept for reuse once written out. */
    private static final int KEEP_AT_MOST = 64 * 1024;

    private final OutputStream out;
    private final int limit;
    private byte[] buffer = new byte[INITIAL];
    private byte[] spare;
    private int length;
    /** Octets ever appended, and ever written to the socket. */
    private long appended;
    private long written;
    private boolean writing;
    private IOException failure;

    /** @param limit octets buffered behind a socket write in progress before writers wait for it */
    public GatheringOutputStream(OutputStream out, int limit) {
        this.out = out;
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (failure == null && writing && length > 0 && length + len > limit) {
            await();
        }
        failIfFailed();
        if (length + len > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, length + len)];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        }
        System.arraycopy(b, off, buffer, length, len);
        length += len;
        appended += len;
    }

    @Override
    public void flush() throws IOException {
        if (!GatheredWrites.hold(this)) {
            writeOut();
        }
    }

    /** Writes out everything appended so far; returns once it is on the socket (or the write failed). */
    void writeOut() throws IOException {
        long target;
        synchronized (this) {
            target = appended;
            while (true) {
                failIfFailed();
                if (written >= target) {
                    return;
                }
                if (!writing) {
                    break;
                }
                await(); // the thread writing now takes our bytes with its next turn
            }
            writing = true;
        }
        while (true) {
            byte[] chunk;
            int n;
            synchronized (this) {
                if (length == 0) {
                    writing = false;
                    notifyAll();
                    return;
                }
                chunk = buffer;
                n = length;
                buffer = spare != null ? spare : new byte[INITIAL];
                spare = null;
                length = 0;
                notifyAll(); // writers held back by the limit may append again
            }
            try {
                out.write(chunk, 0, n);
                out.flush();
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                    writing = false;
                    length = 0;
                    notifyAll();
                }
                throw e;
            }
            synchronized (this) {
                written += n;
                if (spare == null && chunk.length <= KEEP_AT_MOST) {
                    spare = chunk;
                }
                notifyAll();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            writeOut();
        } finally {
            out.close();
        }
    }

    private void failIfFailed() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write on this connection failed: " + failure.getMessage(), failure);
        }
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write");
        }
    }
}
