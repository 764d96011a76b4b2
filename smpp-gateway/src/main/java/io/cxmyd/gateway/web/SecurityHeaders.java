package io.cxmyd.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every answer of the web channel carries, in one place. The page loads only its own script and
 * style from this origin (no inline code, so an injected string cannot run), is never framed, sends no
 * referrer, and nothing is cached: a card is personal data on what may be a shared phone.
 */
public final class SecurityHeaders {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** @param tls whether the page is served behind TLS (then browsers are told to keep to HTTPS) */
    public static Map<String, String> all(boolean tls) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cache-Control", "no-store");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        if (tls) {
            h.put("Strict-Transport-Security", "max-age=31536000");
        }
        return Map.copyOf(h);
    }
}
