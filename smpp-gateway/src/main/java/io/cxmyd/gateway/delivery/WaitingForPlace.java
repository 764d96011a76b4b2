package io.cxmyd.gateway.delivery;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A carrier's replies that are due now and found its window full, over links that pipeline; and the hand-on of
 * a freed place to the next of them, on the thread that freed it (usually the reader that took the last
 * response). Without it every such reply went through a sender thread, taken from the queue, parked on the
 * window and woken by the place given back (4,200 to 9,000 wake-ups a second at 18,000 to 23,000 queries/s:
 * docs/performance.md, sixth and seventh runs).
 *
 * <p>No reply is left waiting beside a free place: a place given back is always followed by {@link #handOn},
 * and so is a reply put to wait, each after its own change (release, put) and before its look at the other's
 * (waiting, tryAcquire). Replies wait in the outbox queue's order (notices first).
 */
final class WaitingForPlace {

    private final PriorityBlockingQueue<QueuedReply> waiting = new PriorityBlockingQueue<>();
    /** Whether this thread is in {@link #handOn} already: a reply it writes may end at once and free a place. */
    private final ThreadLocal<boolean[]> handingOn = ThreadLocal.withInitial(() -> new boolean[1]);
    private final Semaphore window;
    private final BooleanSupplier pipelines;
    private final Consumer<QueuedReply> write;
    private final Consumer<QueuedReply> toSenders;

    /**
     * @param window the carrier's places; {@code write} is called holding one
     * @param pipelines whether writing now returns without waiting for the link
     * @param write sends a reply that holds a place (and gives it back when it settles)
     * @param toSenders takes a reply that the sender threads must write, because writing now would wait
     */
    WaitingForPlace(Semaphore window, BooleanSupplier pipelines, Consumer<QueuedReply> write,
            Consumer<QueuedReply> toSenders) {
        this.window = window;
        this.pipelines = pipelines;
        this.write = write;
        this.toSenders = toSenders;
    }

    /** {@code p} is due and the window was full: whoever frees a place writes it (this thread if one is free now). */
    void add(QueuedReply p) {
        waiting.put(p);
        handOn(); // a place freed between the caller's check and the put: its thread may not have seen p
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The first waiting reply, taken out, or null. */
    QueuedReply poll() {
        return waiting.poll();
    }

    int size() {
        return waiting.size();
    }

    /** The earliest creation time of a waiting reply, or {@code Long.MAX_VALUE}. */
    long oldestCreatedAt() {
        return QueuedReply.oldestCreatedAt(waiting);
    }

    /**
     * Writes the waiting replies while the window has room, on this thread. A loop, not recursion: a reply
     * written here may end at once (no bind) and give its place back inside {@code write}; the outer call then
     * takes the next one.
     */
    void handOn() {
        boolean[] inside = handingOn.get();
        if (inside[0]) {
            return;
        }
        inside[0] = true;
        try {
            while (!waiting.isEmpty()) {
                if (!pipelines.getAsBoolean()) {
                    QueuedReply p;
                    while ((p = waiting.poll()) != null) {
                        toSenders.accept(p); // writing now would wait (ESME mode, every session window full)
                    }
                    return;
                }
                if (!window.tryAcquire()) {
                    return; // full: the thread that frees the next place hands on
                }
                QueuedReply next = waiting.poll();
                if (next == null) {
                    window.release();
                    continue;
                }
                write.accept(next);
            }
        } finally {
            inside[0] = false;
        }
    }
}
