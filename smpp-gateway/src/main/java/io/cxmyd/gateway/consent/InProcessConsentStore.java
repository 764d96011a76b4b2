package io.cxmyd.gateway.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Consent states in this process only (Caffeine, each entry expiring when its state stops mattering: the
 * prompt's window, the lockout, the day the wrong codes count for). A restart forgets pending prompts,
 * which only makes the subscriber send {@code CXMYD} again, and lockouts, which a restart should not be
 * able to clear on purpose: with several instances, configure {@code cache.redis} so the gateway uses the
 * shared store ({@code io.cxmyd.gateway.redis.RedisConsentStore}) instead.
 */
public final class InProcessConsentStore implements ConsentStore {

    /** Pending prompts and lockouts at most: a bound against a flood of senders, far above real use. */
    private static final long MAX_ENTRIES = 1_000_000;

    private final Cache<Long, ConsentState> states;

    public InProcessConsentStore(ConsentRules rules, Clock clock) {
        this.states = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(new Expiry<Long, ConsentState>() {
                    @Override
                    public long expireAfterCreate(Long key, ConsentState value, long currentTime) {
                        return nanosLeft(value);
                    }

                    @Override
                    public long expireAfterUpdate(Long key, ConsentState value, long currentTime, long duration) {
                        return nanosLeft(value);
                    }

                    @Override
                    public long expireAfterRead(Long key, ConsentState value, long currentTime, long duration) {
                        return duration;
                    }

                    private long nanosLeft(ConsentState value) {
                        Duration left = Duration.between(clock.instant(), rules.retainUntil(value));
                        return left.isNegative() ? 0 : saturatedNanos(left);
                    }
                })
                .build();
    }

    @Override
    public Decision update(long key, Function<ConsentState, ConsentRules.Step> step) {
        Decision[] decision = new Decision[1];
        states.asMap().compute(key, (k, state) -> {
            ConsentRules.Step s = step.apply(state);
            decision[0] = s.decision();
            return s.next();
        });
        return decision[0];
    }

    /** Entries held now (for tests and the size check of a flood). */
    long size() {
        states.cleanUp();
        return states.estimatedSize();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
