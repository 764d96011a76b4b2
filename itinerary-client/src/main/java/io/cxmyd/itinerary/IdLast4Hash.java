package io.cxmyd.itinerary;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash of the last four characters of a subscriber's ID card, as the registry stores it
 * ({@code id_last4_hash} in subscribers.csv, {@code subscriber.idLast4Hash} over HTTP):
 *
 * <pre>
 * lower-case hex( HMAC-SHA256( key = UTF-8 bytes of the secret, message = "&lt;11 digits&gt;:&lt;4 characters&gt;" ) )
 * </pre>
 *
 * <p>The four characters are upper-cased (an ID card's check character is {@code X}). Only 11,000 values are
 * possible, so a plain hash would be reversed by trying them all: the secret makes that impossible without
 * it, and the number in the message makes equal digits of two subscribers give different hashes.
 */
public final class IdLast4Hash {

    private static final Pattern CODE = Pattern.compile("[0-9]{3}[0-9X]");
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /** @param secret the shared secret ({@code consent.idHashKey}), at least 16 characters */
    public IdLast4Hash(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 16) {
            throw new IllegalArgumentException("secret: at least 16 characters, was " + secret.length());
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Whether {@code code} is four characters of an ID card's end: three digits, then a digit or X. */
    public static boolean isCode(String code) {
        return code != null && CODE.matcher(code.toUpperCase(Locale.ROOT)).matches();
    }

    /** The hash of {@code code} for {@code msisdn}: 64 lower-case hex digits. */
    public String hash(Msisdn msisdn, String code) {
        if (!isCode(code)) {
            throw new IllegalArgumentException("code: three digits then a digit or X");
        }
        byte[] message = (msisdn.digits() + ":" + code.toUpperCase(Locale.ROOT)).getBytes(StandardCharsets.US_ASCII);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HEX.formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Whether {@code code} hashes to {@code registered} (hex, any case), compared in constant time so the
     * time taken tells nothing about how close a guess was.
     */
    public boolean matches(Msisdn msisdn, String code, String registered) {
        if (!isCode(code) || registered == null) {
            return false;
        }
        byte[] expected = registered.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(msisdn, code).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
