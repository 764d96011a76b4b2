package io.cxmyd.gateway.load;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Queries waiting for their reply, by subscriber: a reply goes to its destination's oldest query. A query is
 * added before its submit_sm goes out, as the reply may come before submit_sm_resp does.
 */
final class InFlight {

    /**
     * One query.
     *
     * @param startNanos when it was meant to go (fixed rate) or went (window): latency runs from here
     * @param measured sent after the warm-up and before the end
     * @param checked its reply text is checked
     * @param window the window of the session that sent it (released by its reply, whichever bind that
     *     reply comes on), or {@code null} at a fixed rate
     */
    record Query(String from, long startNanos, boolean measured, boolean checked, Semaphore window) {
    }

    private final ConcurrentHashMap<String, ArrayDeque<Query>> bySender = new ConcurrentHashMap<>();

    void add(Query q) {
        bySender.compute(q.from(), (k, queue) -> {
            ArrayDeque<Query> d = queue == null ? new ArrayDeque<>(2) : queue;
            d.addLast(q);
            return d;
        });
    }

    /**
     * The query was refused: no reply will come for it. False when it is no longer waiting (a reply for its
     * sender came first, e.g. before a submit_sm_resp that then timed out): its window place went with it.
     */
    boolean remove(Query q) {
        boolean[] removed = new boolean[1];
        bySender.computeIfPresent(q.from(), (k, queue) -> {
            removed[0] = queue.remove(q);
            return queue.isEmpty() ? null : queue;
        });
        return removed[0];
    }

    /** The oldest query of {@code sender}, now answered; {@code null} for a reply nobody waited for. */
    Query answered(String sender) {
        Query[] taken = new Query[1];
        bySender.computeIfPresent(sender, (k, queue) -> {
            taken[0] = queue.pollFirst();
            return queue.isEmpty() ? null : queue;
        });
        return taken[0];
    }

    /**
     * Queries still waiting, counting only the measured ones. Each sender's queue is read under its entry's
     * lock, as it is changed: late replies may still be arriving, and an {@link ArrayDeque} walked while
     * another thread polls it yields nulls.
     */
    long waitingMeasured() {
        long[] count = new long[1];
        for (String sender : bySender.keySet()) {
            bySender.computeIfPresent(sender, (k, queue) -> {
                for (Query q : queue) {
                    if (q.measured()) {
                        count[0]++;
                    }
                }
                return queue;
            });
        }
        return count[0];
    }
}
