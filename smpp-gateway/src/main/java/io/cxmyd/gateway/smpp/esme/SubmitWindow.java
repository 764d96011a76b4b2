package io.cxmyd.gateway.smpp.esme;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The submit_sm a session has written and not yet seen answered, bounded: an SMSC reads a window of
 * outstanding requests per bind (carriers state it in the interconnect agreement, often 10 to 50) and answers
 * ESME_RTHROTTLED, or stops reading, when it is exceeded. Thread-safe, lock-free.
 */
final class SubmitWindow {

    private final int size;
    private final AtomicInteger outstanding = new AtomicInteger();

    SubmitWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size: at least 1, was " + size);
        }
        this.size = size;
    }

    /** Takes a slot when one is free. */
    boolean tryAcquire() {
        while (true) {
            int n = outstanding.get();
            if (n >= size) {
                return false;
            }
            if (outstanding.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** The submit_sm of a slot was answered (or will never be). */
    void release() {
        outstanding.updateAndGet(n -> Math.max(0, n - 1));
    }

    int outstanding() {
        return outstanding.get();
    }

    int size() {
        return size;
    }
}
