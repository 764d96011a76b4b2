package io.cxmyd.gateway.delivery;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.SmppStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A carrier's flow control as the outbox keeps it: after ESME_RTHROTTLED or ESME_RMSGQFUL nothing at all goes to
 * the carrier for the backoff of that refusal, growing with the refusals in a row until a part is accepted.
 * Backing off each reply alone would keep the other queued replies, and the rest of the window, hitting a
 * carrier that has just asked us to slow down. Thread-safe; time from {@code ticker}.
 */
final class CarrierPause {

    private final Ticker ticker;
    private final IntFunction<Duration> backoff;
    private final AtomicInteger refusalsInARow = new AtomicInteger();
    private final AtomicLong pausedUntil;

    /** @param backoff the pause after the n-th refusal in a row (1-based) */
    CarrierPause(Ticker ticker, IntFunction<Duration> backoff) {
        this.ticker = ticker;
        this.backoff = backoff;
        this.pausedUntil = new AtomicLong(ticker.read());
    }

    /** Nanoseconds left to wait before anything goes to the carrier; 0 or less: go. */
    long remainingNanos() {
        return pausedUntil.get() - ticker.read();
    }

    /** The carrier accepted a part: the next refusal starts the backoff again from its first step. */
    void accepted() {
        refusalsInARow.set(0);
    }

    /** Takes in a part's result: a flow-control refusal pauses the carrier (a longer pause already set stays). */
    void refused(DeliveryResult r) {
        if (!isFlowControl(r)) {
            return;
        }
        long until = ticker.read() + backoff.apply(refusalsInARow.incrementAndGet()).toNanos();
        pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed - current > 0 ? proposed : current);
    }

    private static boolean isFlowControl(DeliveryResult r) {
        return r.kind() == DeliveryResult.Kind.REJECTED
                && (r.status() == SmppStatus.ESME_RTHROTTLED || r.status() == SmppStatus.ESME_RMSGQFUL);
    }
}
