package io.cxmyd.gateway.smpp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a carrier's deliver_sm behind the submit_sm_resp (or data_sm_resp) of every request it may answer.
 *
 * <p>Why: the reply and the delivery receipt of a query are handed to other threads while jsmpp still has to
 * write the query's response, so a deliver_sm could reach the wire first (4 and 7 receipts in 60, 1 reply part
 * in 60). Perl Net::SMPP in its default synchronous mode silently drops a PDU that arrives while it waits for a
 * response: 36 of 40 receipts were lost that way.
 *
 * <p>How: each request takes a ticket in its carrier's order when its processing begins, and gives it back
 * once its response is written (or cannot be). A deliver_sm waits until every ticket taken before it started
 * waiting is back. The wait never starves (later requests are not waited for) and is bounded: a response
 * that is never written (the connection died) holds a deliver_sm at most {@code maxWait}.
 */
final class ResponseOrder {

    /** A request whose response is not written yet. */
    interface Ticket {
        void done();
    }

    private final Map<String, Line> lines = new ConcurrentHashMap<>();

    /** Call when a carrier's request begins, before anything can queue a deliver_sm for it. */
    Ticket begin(String carrierId) {
        return lines.computeIfAbsent(carrierId, c -> new Line()).begin();
    }

    /**
     * Waits until every request of {@code carrierId} begun before this call has its response written, or
     * {@code maxWait} has passed. Returns false on timeout (the deliver_sm then goes anyway).
     */
    boolean awaitResponses(String carrierId, Duration maxWait) throws InterruptedException {
        Line line = lines.get(carrierId);
        return line == null || line.awaitBefore(line.next.get(), maxWait.toNanos());
    }

    private static final class Line {
        private final AtomicLong next = new AtomicLong();
        private final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();

        Ticket begin() {
            long n;
            // The number and its entry in pending must appear together to a waiter reading next.
            synchronized (this) {
                n = next.getAndIncrement();
                pending.add(n);
            }
            return () -> {
                if (pending.remove(n)) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            };
        }

        synchronized boolean awaitBefore(long bound, long maxWaitNanos) throws InterruptedException {
            long deadline = System.nanoTime() + maxWaitNanos;
            // ceiling, not first(): a ticket may be returned between an isEmpty() and a first().
            for (Long lowest = pending.ceiling(Long.MIN_VALUE); lowest != null && lowest < bound;
                    lowest = pending.ceiling(Long.MIN_VALUE)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
