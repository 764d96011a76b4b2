package io.cxmyd.gateway.smpp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Counts refused binds where they come from and says how long the next bind from there waits
 * ({@link BindPacingPolicy}). Two places are counted: the address alone (so one address cannot try system_id
 * after system_id at full speed), and the address with the system_id it claimed. Nothing is ever counted
 * against a system_id alone: a carrier's correct bind from its own address is answered however many strangers
 * guessed its password, which a per-system_id lockout could not promise. An address on a carrier's allow list
 * is not counted on its own either: a misconfigured carrier must not slow another carrier sharing its host.
 *
 * <p>Thread-safe; time comes from the {@link Ticker}, so tests move it by hand. No I/O, no logging. Memory is
 * bounded: at most {@link #MAX_TRACKED} places (least recently used dropped first), each with at most a few
 * dozen timestamps, forgotten once their window has passed. An IPv6 peer counts by its /64, since one host
 * usually holds a whole /64 and could otherwise step to a fresh address after every failure.
 */
final class BindPacing {

    static final int MAX_TRACKED = 100_000;
    /** Timestamps kept per place: enough to reach the longest delay; older ones change nothing. */
    private static final int MAX_KEPT = 64;

    private final BindPacingPolicy policy;
    private final Ticker ticker;
    private final Cache<String, Failures> failures;

    BindPacing(BindPacingPolicy policy, Ticker ticker) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(policy.window())
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /**
     * How long a bind from {@code address} as {@code systemId} waits before it is decided.
     *
     * @param allowListed whether {@code address} is on some carrier's allow list (then only the address with
     *     the system_id counts)
     */
    Duration delay(InetAddress address, String systemId, boolean allowListed) {
        long now = ticker.read();
        int recent = count(pairKey(address, systemId), now);
        if (!allowListed) {
            recent = Math.max(recent, count(addressKey(address), now));
        }
        return policy.delayAfter(recent);
    }

    /** Records a refused bind (bad password, unknown system_id, address refused). */
    void failed(InetAddress address, String systemId, boolean allowListed) {
        long now = ticker.read();
        record(pairKey(address, systemId), now);
        if (!allowListed) {
            record(addressKey(address), now);
        }
    }

    /** A good bind clears the failures of its address with that system_id. */
    void succeeded(InetAddress address, String systemId) {
        failures.invalidate(pairKey(address, systemId));
    }

    private int count(String key, long now) {
        Failures f = failures.getIfPresent(key);
        return f == null ? 0 : f.recent(now, policy.window().toNanos());
    }

    private void record(String key, long now) {
        failures.asMap().compute(key, (k, f) -> {
            Failures updated = f == null ? new Failures() : f;
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

    private static String pairKey(InetAddress address, String systemId) {
        // The system_id is the peer's claim: up to 16 octets of anything, kept as it came.
        return addressKey(address) + "|" + (systemId == null ? "" : systemId);
    }

    /** The recent refusals of one place. */
    private static final class Failures {
        private final ArrayDeque<Long> times = new ArrayDeque<>();

        synchronized void add(long now) {
            times.addLast(now);
            if (times.size() > MAX_KEPT) {
                times.pollFirst();
            }
        }

        synchronized int recent(long now, long windowNanos) {
            long windowStart = now - windowNanos;
            while (!times.isEmpty() && times.peekFirst() - windowStart < 0) {
                times.pollFirst();
            }
            return times.size();
        }
    }
}
