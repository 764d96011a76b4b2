package io.cxmyd.gateway.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which threads hold their writes back, and until when. A thread that gathers leaves what it writes to a
 * {@link GatheringOutputStream} in that stream's buffer and writes it out when it {@link #flushHeld flushes}:
 * before it waits for anything, and at the end of its batch. Every other thread writes through at once.
 *
 * <p>Why: a socket write over loopback costs about 6 µs of kernel time on this class of machine, and the
 * gateway made three per query (the response and two reply parts), each on its own. A netty server gathers
 * the writes of one loop turn into one; this does the same for the threads that work in batches.
 *
 * <p>The rule that keeps it safe: a gathering thread must flush before it blocks on anything a peer's answer
 * could release. Threads that may block in the middle of their work do not gather.
 */
public final class GatheredWrites {

    private static final Logger log = LoggerFactory.getLogger(GatheredWrites.class);
    private static final ThreadLocal<GatheredWrites> CURRENT = new ThreadLocal<>();

    private final List<GatheringOutputStream> held = new ArrayList<>();
    private final List<Runnable> afterRelease = new ArrayList<>();

    private GatheredWrites() {
    }

    /**
     * Runs {@code work} with its writes gathered, then writes each stream it wrote to once. Nested in a
     * gathering thread it just runs: the outer scope flushes.
     */
    public static void during(Runnable work) {
        if (CURRENT.get() != null) {
            work.run();
            return;
        }
        GatheredWrites g = new GatheredWrites();
        CURRENT.set(g);
        try {
            work.run();
        } finally {
            CURRENT.remove();
            g.release();
        }
    }

    /** From now on this thread gathers, until {@link #stopOnThisThread}; it must call {@link #flushHeld}. */
    public static void startOnThisThread() {
        if (CURRENT.get() == null) {
            CURRENT.set(new GatheredWrites());
        }
    }

    /** Flushes what this thread holds and stops gathering on it. */
    public static void stopOnThisThread() {
        GatheredWrites g = CURRENT.get();
        CURRENT.remove();
        if (g != null) {
            g.release();
        }
    }

    /** Writes out what this thread holds; it keeps gathering. Nothing when it holds nothing. */
    public static void flushHeld() {
        GatheredWrites g = CURRENT.get();
        if (g != null) {
            g.release();
        }
    }

    /**
     * Runs {@code task} once everything this thread has written so far is on the socket (or could not be
     * written): at once on a thread that does not gather, else right after its held writes go out. For work
     * that writes to <em>another</em> connection and must come after: a delivery receipt on a carrier's receiver
     * bind behind the submit_sm_resp still held for its transmitter bind. Order within one connection needs
     * none of this (one buffer, in write order). The task must not block: the rest of the thread's batch waits.
     */
    public static void afterRelease(Runnable task) {
        GatheredWrites g = CURRENT.get();
        if (g == null || g.held.isEmpty()) {
            task.run();
        } else {
            g.afterRelease.add(task);
        }
    }

    /** Whether this thread gathers; if so {@code out} is flushed with the rest of what it holds. */
    static boolean hold(GatheringOutputStream out) {
        GatheredWrites g = CURRENT.get();
        if (g == null) {
            return false;
        }
        // A handful of streams per batch at most (a carrier's binds): a list scan beats hashing.
        for (GatheringOutputStream s : g.held) {
            if (s == out) {
                return true;
            }
        }
        g.held.add(out);
        return true;
    }

    private void release() {
        if (held.isEmpty()) {
            return;
        }
        GatheringOutputStream[] streams = held.toArray(new GatheringOutputStream[0]);
        held.clear();
        Runnable[] tasks = afterRelease.isEmpty() ? null : afterRelease.toArray(new Runnable[0]);
        afterRelease.clear();
        for (GatheringOutputStream s : streams) {
            try {
                s.writeOut();
            } catch (IOException e) {
                // The connection is gone; its reader sees it and closes the session. What was held for it is
                // lost as bytes written just before a connection dies are (responses and parts are retried
                // or answered at least once, docs/reliability.md).
                log.debug("gathered writes not written: {}", e.toString());
            }
        }
        if (tasks != null) {
            for (Runnable task : tasks) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A bug: its class and where, not its message, which may quote a subscriber's number.
                    StackTraceElement[] at = e.getStackTrace();
                    log.error("work after gathered writes failed: {} at {}", e.getClass().getName(),
                            at.length > 0 ? at[0] : "?");
                }
            }
        }
    }
}
