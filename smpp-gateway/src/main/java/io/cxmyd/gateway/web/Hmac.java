package io.cxmyd.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under the channel's secret: store keys (numbers, addresses, session tokens) and stored codes.
 * The secret is {@code cache.hashKey} when Redis is shared (every instance must agree), else random per
 * process. A verification code has a million values: its plain hash could be reversed in a millisecond,
 * a keyed one cannot without the secret.
 */
public final class Hmac {

    private final SecretKeySpec key;

    public Hmac(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public static Hmac random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new Hmac(secret);
    }

    public byte[] of(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A store key: the purpose, then 128 bits of the keyed hash in hex. */
    public String key(String purpose, String text) {
        return purpose + ":" + HexFormat.of().formatHex(of(purpose + ":" + text), 0, 16);
    }
}
