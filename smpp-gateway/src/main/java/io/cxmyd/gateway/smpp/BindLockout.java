package io.cxmyd.gateway.smpp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Counts bind failures per remote address and per system_id and says who is locked out ({@link LockoutPolicy}).
 * Thread-safe; time comes from the given {@link Ticker}, so tests move it by hand. No I/O, no logging.
 *
 * <p>Memory is bounded whatever a peer sends: at most {@link #MAX_TRACKED} keys are tracked (least recently
 * used ones are dropped first), each holding at most {@code failures} timestamps, and a key is forgotten once
 * both its window and its lockout have passed. An IPv6 peer is counted by its /64, since one host usually
 * holds a whole /64 and could otherwise step to a fresh address after every failure.
 */
final class BindLockout {

    static final int MAX_TRACKED = 100_000;

    private final LockoutPolicy policy;
    private final Ticker ticker;
    private final Cache<String, Failures> failures;

    BindLockout(LockoutPolicy policy, Ticker ticker) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        long keepNanos = Math.max(policy.window().toNanos(), policy.duration().toNanos());
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(java.time.Duration.ofNanos(keepNanos))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** Whether a bind from {@code address} as {@code systemId} (null when unknown) is to be refused unseen. */
    boolean isLockedOut(InetAddress address, String systemId) {
        long now = ticker.read();
        return locked(addressKey(address), now) || systemId != null && locked(systemIdKey(systemId), now);
    }

    /**
     * Records a refused bind. {@code systemId} is null when the refusal should not count against the system_id:
     * an unknown one (which would only fill the table) or one tried from an address its carrier does not allow
     * (so that outsiders cannot lock a carrier out of its own gateway).
     */
    void failed(InetAddress address, String systemId) {
        long now = ticker.read();
        record(addressKey(address), now);
        if (systemId != null) {
            record(systemIdKey(systemId), now);
        }
    }

    /** A good bind clears the failures of its address and system_id. */
    void succeeded(InetAddress address, String systemId) {
        failures.invalidate(addressKey(address));
        failures.invalidate(systemIdKey(systemId));
    }

    private boolean locked(String key, long now) {
        Failures f = failures.getIfPresent(key);
        return f != null && f.lockedAt(now);
    }

    private void record(String key, long now) {
        failures.asMap().compute(key, (k, f) -> {
            Failures updated = f == null ? new Failures(policy) : f;
            updated.add(now);
            return updated;
        });
    }

    static String addressKey(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            StringBuilder key = new StringBuilder("addr:");
            for (int i = 0; i < 8; i++) {
                key.append(String.format("%02x", bytes[i]));
            }
            return key.append("::/64").toString();
        }
        return "addr:" + address.getHostAddress();
    }

    private static String systemIdKey(String systemId) {
        return "sysid:" + systemId;
    }

    /** The recent failures of one key, and the end of its lockout if any. */
    private static final class Failures {
        private final LockoutPolicy policy;
        private final ArrayDeque<Long> times = new ArrayDeque<>();
        private long lockedUntil;
        private boolean locked;

        Failures(LockoutPolicy policy) {
            this.policy = policy;
        }

        synchronized void add(long now) {
            if (lockedAt(now)) {
                return; // refusals during a lockout do not extend it
            }
            long windowStart = now - policy.window().toNanos();
            while (!times.isEmpty() && times.peekFirst() - windowStart < 0) {
                times.pollFirst();
            }
            times.addLast(now);
            if (times.size() >= policy.failures()) {
                locked = true;
                lockedUntil = now + policy.duration().toNanos();
                times.clear();
            }
        }

        synchronized boolean lockedAt(long now) {
            if (locked && now - lockedUntil >= 0) {
                locked = false;
            }
            return locked;
        }
    }
}
