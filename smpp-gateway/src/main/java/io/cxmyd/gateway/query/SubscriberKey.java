package io.cxmyd.gateway.query;

import io.cxmyd.itinerary.Msisdn;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 64-bit keyed hash of a number, for the gateway's in-memory per-subscriber state (rate limits, usage
 * replies, consent state), so that no such table holds a number in clear (itinerary-rules.md §7). The key
 * is random per process, except when state is shared across instances (the consent state in Redis): then
 * it derives from the secret they share ({@link #withSecret}).
 */
public final class SubscriberKey {

    private final ThreadLocal<Mac> mac;

    public SubscriberKey() {
        this(randomKey());
    }

    /**
     * A key every instance configured with {@code secret} (cache.hashKey) computes alike. Derived, not the
     * secret itself, so these hashes are not the cache's keys under another truncation.
     */
    public static SubscriberKey withSecret(byte[] secret) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret.clone(), "HmacSHA256"));
            return new SubscriberKey(m.doFinal("cxmyd:subscriber-key:v1".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    SubscriberKey(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    public long of(Msisdn msisdn) {
        byte[] h = mac.get().doFinal(msisdn.digits().getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.wrap(h).getLong();
    }
}
