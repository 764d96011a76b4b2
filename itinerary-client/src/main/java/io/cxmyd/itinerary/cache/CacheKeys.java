package io.cxmyd.itinerary.cache;

import io.cxmyd.itinerary.Msisdn;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names cache entries without the number in clear (itinerary-rules.md §7):
 * {@code cxmyd:v1:it:<base64url(HMAC-SHA256(secret, digits))[0..16)>:<data day>}.
 *
 * <p>A keyed hash rather than a plain one because the number space is small (about 10^10): anyone could
 * hash every number and read a plain digest back. 16 bytes of the MAC keep the key short while leaving
 * collisions out of reach (2^64 entries for an even chance). {@code v1} is the version of the stored
 * value's format: bump it when {@link DayValueCodec} changes, so old entries are simply not found.
 *
 * <p>Thread-safe: {@link Mac} is not, so each thread keeps its own.
 */
public final class CacheKeys {

    static final String PREFIX = "cxmyd:v1:it:";
    /** The store's entries (docs/batch.md): written by the Spark job, read by {@code source: store}. */
    static final String STORE_PREFIX = "cxmyd:v1:store:";
    static final String STORE_MARKER = "cxmyd:v1:store-ready:";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HASH_BYTES = 16;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ThreadLocal<Mac> macs;

    private CacheKeys(byte[] secret) {
        SecretKeySpec key = new SecretKeySpec(secret.clone(), ALGORITHM);
        mac(key); // fail at start-up, not at the first lookup
        this.macs = ThreadLocal.withInitial(() -> mac(key));
    }

    /** Keys under {@code secret}: every instance sharing a Redis needs the same one. */
    public static CacheKeys withSecret(byte[] secret) {
        return new CacheKeys(secret);
    }

    /** Keys under a random secret of this process: entries are unreadable to any other process. */
    public static CacheKeys withRandomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new CacheKeys(secret);
    }

    static CacheKeys from(CacheOptions options) {
        return options.hashKey().map(CacheKeys::withSecret).orElseGet(CacheKeys::withRandomSecret);
    }

    /** The entry name of {@code msisdn}'s value for data day {@code day}. */
    public String key(Msisdn msisdn, LocalDate day) {
        byte[] mac = macs.get().doFinal(msisdn.digits().getBytes(StandardCharsets.US_ASCII));
        return PREFIX + BASE64URL.encodeToString(Arrays.copyOf(mac, HASH_BYTES)) + ':' + day;
    }

    /**
     * The store's entry of {@code msisdn} for data day {@code day}: the same keyed hash as the cache's, so
     * that the job's {@code --hash-key} and the gateway's {@code itinerary.store.hashKey} must match.
     */
    public String storeKey(Msisdn msisdn, LocalDate day) {
        byte[] mac = macs.get().doFinal(msisdn.digits().getBytes(StandardCharsets.US_ASCII));
        return STORE_PREFIX + BASE64URL.encodeToString(Arrays.copyOf(mac, HASH_BYTES)) + ':' + day;
    }

    /** The key the job writes last once every value of {@code day} is stored: the store's readiness. */
    public static String storeMarker(LocalDate day) {
        return STORE_MARKER + day;
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }
}
