package io.cxmyd.gateway.web;

import io.cxmyd.itinerary.Msisdn;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sessions after a verified code: a random token in the cookie, its keyed hash in the store, bound to the one
 * number it verified. FAQ 2, "二次登录无需验证可直接返回查询结果": the next visit shows the card without a code.
 */
public final class Sessions {

    public static final String COOKIE = "cxmyd_session";

    private final WebStore store;
    private final Hmac hmac;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public Sessions(WebStore store, Hmac hmac, Clock clock, Duration lifetime) {
        this.store = store;
        this.hmac = hmac;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Opens a session for {@code msisdn}; returns the token for the cookie. */
    public CompletableFuture<String> open(Msisdn msisdn) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return store.putSession(hmac.key("wt", token), msisdn.digits(), clock.instant().plus(lifetime))
                .thenApply(v -> token);
    }

    /** The number of a live session, or empty (unknown, expired, logged out, malformed token). */
    public CompletableFuture<Optional<Msisdn>> find(String token) {
        if (!wellFormed(token)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.session(hmac.key("wt", token)).thenApply(n -> n.filter(Msisdn::isValid).map(Msisdn::parse));
    }

    public CompletableFuture<Void> close(String token) {
        return wellFormed(token) ? store.dropSession(hmac.key("wt", token)) : CompletableFuture.completedFuture(null);
    }

    private static boolean wellFormed(String token) {
        return token != null && token.length() == 43
                && token.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }
}
