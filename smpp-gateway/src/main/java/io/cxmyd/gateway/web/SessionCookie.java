package io.cxmyd.gateway.web;

import java.time.Duration;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure
 * when the page is served behind TLS ({@code web.secureCookies}), for the whole site.
 */
final class SessionCookie {

    private final Duration lifetime;
    private final boolean secure;

    SessionCookie(Duration lifetime, boolean secure) {
        this.lifetime = lifetime;
        this.secure = secure;
    }

    String set(String token) {
        return Sessions.COOKIE + "=" + token + "; Max-Age=" + lifetime.toSeconds() + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    String clear() {
        return Sessions.COOKIE + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
