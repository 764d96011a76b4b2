package io.cxmyd.gateway.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * At most {@code max} events per key in a fixed window that opens at the key's first event. The first event
 * over the limit is told so ({@link Verdict#FIRST_OVER}, the gateway answers "too frequent" once); the rest
 * of that window is {@link Verdict#OVER} (silence). Entries expire with their window, so memory follows the
 * number of active subscribers.
 */
public final class RateLimiter implements SubscriberLimit {

    public enum Verdict {
        ALLOWED,
        FIRST_OVER,
        OVER
    }

    private final int max;
    private final Cache<Long, Window> windows;

    public RateLimiter(int max, Duration window, Ticker ticker) {
        if (max < 1) {
            throw new IllegalArgumentException("max: at least 1, was " + max);
        }
        this.max = max;
        this.windows = Caffeine.newBuilder().expireAfterWrite(window).ticker(ticker).build();
    }

    @Override
    public Verdict acquire(long key) {
        Window w = windows.get(key, k -> new Window());
        synchronized (w) {
            w.count++;
            if (w.count <= max) {
                return Verdict.ALLOWED;
            }
            return w.count == max + 1 ? Verdict.FIRST_OVER : Verdict.OVER;
        }
    }

    /** Approximate number of keys with an open window. */
    public long size() {
        return windows.estimatedSize();
    }

    private static final class Window {
        int count;
    }
}
