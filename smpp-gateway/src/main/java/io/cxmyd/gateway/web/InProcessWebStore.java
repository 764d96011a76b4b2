package io.cxmyd.gateway.web;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web channel's state in this process, on an injected clock (tests move it to expire codes). Entries
 * carry their own end and are swept now and then, so a flood of numbers cannot grow the maps for ever.
 */
public final class InProcessWebStore implements WebStore {

    private static final int SWEEP_EVERY = 4096;

    private record Entry(Object value, Instant expiresAt) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    public InProcessWebStore(Clock clock) {
        this.clock = clock;
    }

    private boolean live(Entry e) {
        return e != null && clock.instant().isBefore(e.expiresAt);
    }

    private void wrote() {
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            entries.values().removeIf(e -> !live(e));
        }
    }

    @Override
    public CompletableFuture<Long> count(String key, Instant expiresAt) {
        Entry e = entries.compute(key, (k, old) -> live(old)
                ? new Entry((Long) old.value + 1, old.expiresAt)
                : new Entry(1L, expiresAt));
        wrote();
        return CompletableFuture.completedFuture((Long) e.value);
    }

    @Override
    public CompletableFuture<Optional<Instant>> claim(String key, Instant expiresAt) {
        Entry mine = new Entry(Boolean.TRUE, expiresAt);
        Entry e = entries.compute(key, (k, old) -> live(old) ? old : mine);
        wrote();
        return CompletableFuture.completedFuture(e == mine ? Optional.empty() : Optional.of(e.expiresAt));
    }

    @Override
    public CompletableFuture<Void> putCode(String key, StoredCode code) {
        entries.put(key, new Entry(code, code.expiresAt()));
        wrote();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Optional<StoredCode>> attempt(String key) {
        // Kept past its validity too, like Redis keeps it until its TTL: the caller decides on expiry.
        Entry e = entries.computeIfPresent(key, (k, old) -> new Entry(
                ((StoredCode) old.value).withTries(((StoredCode) old.value).tries() + 1), old.expiresAt));
        return CompletableFuture.completedFuture(e == null ? Optional.empty() : Optional.of((StoredCode) e.value));
    }

    @Override
    public CompletableFuture<Boolean> consume(String key, byte[] hmac) {
        boolean[] removed = {false};
        entries.computeIfPresent(key, (k, old) -> {
            if (old.value instanceof StoredCode c && MessageDigest.isEqual(c.hmac(), hmac)) {
                removed[0] = true;
                return null;
            }
            return old;
        });
        return CompletableFuture.completedFuture(removed[0]);
    }

    @Override
    public CompletableFuture<Void> putSession(String key, String msisdn, Instant expiresAt) {
        entries.put(key, new Entry(msisdn, expiresAt));
        wrote();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Optional<String>> session(String key) {
        Entry e = entries.get(key);
        return CompletableFuture.completedFuture(live(e) && e.value instanceof String s ? Optional.of(s) : Optional.empty());
    }

    @Override
    public CompletableFuture<Void> dropSession(String key) {
        entries.remove(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        entries.clear();
    }
}
