package io.cxmyd.gateway.wire;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool whose threads {@link GatheredWrites gather} their writes while tasks are queued: a worker
 * flushes what it holds before it waits for a task, and after every {@value #FLUSH_EVERY} tasks in a row, so
 * under a steady backlog nothing is held longer than that many tasks take.
 *
 * <p>Only for tasks that never block on a peer's answer (they write and go on).
 */
public final class GatheringWorkers extends ThreadPoolExecutor {

    static final int FLUSH_EVERY = 16;

    private final ThreadLocal<int[]> sinceFlush = ThreadLocal.withInitial(() -> new int[1]);

    public GatheringWorkers(int threads, int queueCapacity, ThreadFactory threadFactory) {
        super(threads, threads, 60, TimeUnit.SECONDS, new FlushBeforeWaiting(queueCapacity), runnable -> {
            Thread t = threadFactory.newThread(() -> {
                GatheredWrites.startOnThisThread();
                try {
                    runnable.run();
                } finally {
                    GatheredWrites.stopOnThisThread();
                }
            });
            return t;
        });
    }

    @Override
    protected void afterExecute(Runnable task, Throwable error) {
        int[] n = sinceFlush.get();
        if (++n[0] >= FLUSH_EVERY) {
            n[0] = 0;
            GatheredWrites.flushHeld();
        }
    }

    /** The work queue: a worker about to wait for a task writes out what it holds first. */
    private static final class FlushBeforeWaiting extends ArrayBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        FlushBeforeWaiting(int capacity) {
            super(capacity);
        }

        /**
         * A worker leaving a pool that is shut down asks this last (ThreadPoolExecutor.getTask) and then exits
         * without taking again: it writes out what it holds here, before the pool can count as terminated. The
         * thread's own flush on exit comes after termination, so whoever waited for it could close the
         * connections first. On any other thread this flushes nothing, or only earlier than it would have.
         */
        @Override
        public boolean isEmpty() {
            boolean empty = super.isEmpty();
            if (empty) {
                GatheredWrites.flushHeld();
            }
            return empty;
        }

        @Override
        public Runnable take() throws InterruptedException {
            Runnable next = poll();
            if (next != null) {
                return next;
            }
            GatheredWrites.flushHeld();
            return super.take();
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            Runnable next = poll();
            if (next != null) {
                return next;
            }
            GatheredWrites.flushHeld();
            return super.poll(timeout, unit);
        }
    }
}
