package io.cxmyd.gateway.delivery;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.message.Reply;
import java.time.Duration;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A reply in a {@link CarrierOutbox}'s queue, due at {@link #dueAt} on {@code ticker}'s time. Its mutable fields
 * are touched by one thread at a time: the one that holds it, then the one that completes its part's response
 * (which comes after the write).
 */
final class QueuedReply implements Delayed {

    /** Longer than any reply's validity: a notice queued now is due before every reply still waiting. */
    static final Duration HEAD_START = Duration.ofDays(1);

    final Reply reply;
    final long createdAt;
    final long expiresAt;
    final long seq;
    final boolean first;
    private final Ticker ticker;
    volatile long dueAt;
    int nextPart;
    int attempts;
    /** Holds a place in the window: from its first part written to its last part's response. */
    boolean holdsPlace;
    boolean waitingForBind;

    QueuedReply(Reply reply, long createdAt, long expiresAt, long seq, boolean first, Ticker ticker) {
        this.reply = reply;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.seq = seq;
        this.first = first;
        this.ticker = ticker;
        // The queue is ordered by due time: "due since HEAD_START" puts a notice before every due reply.
        this.dueAt = first ? createdAt - HEAD_START.toNanos() : createdAt;
    }

    /** The earliest creation time among {@code replies}, or {@code Long.MAX_VALUE} when there are none. */
    static long oldestCreatedAt(Iterable<QueuedReply> replies) {
        long oldest = Long.MAX_VALUE;
        for (QueuedReply p : replies) {
            oldest = Math.min(oldest, p.createdAt);
        }
        return oldest;
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueAt - ticker.read(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
        QueuedReply other = (QueuedReply) o;
        int c = Long.compare(dueAt, other.dueAt);
        return c != 0 ? c : Long.compare(seq, other.seq);
    }
}
