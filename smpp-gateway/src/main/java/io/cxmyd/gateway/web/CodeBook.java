package io.cxmyd.gateway.web;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.itinerary.Msisdn;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The rules of verification codes (docs/web.md, "Codes"), on an injected clock and a {@link WebStore}:
 * <ul>
 *   <li>six digits from a CSPRNG, valid {@link #VALIDITY}, single use, dead after {@link #MAX_TRIES} wrong tries;</li>
 *   <li>one code per number per {@link #GAP}; budgets per client address per hour, per number per hour and
 *       for the whole service per minute (fixed windows of the clock);</li>
 *   <li>stored as an HMAC of number and code only, compared in constant time.</li>
 * </ul>
 * Known and unknown numbers go through exactly the same steps: the answer cannot tell them apart.
 */
public final class CodeBook {

    /** A code sent by SMS may take a minute to arrive and a minute to type; five is the usual bound. */
    public static final Duration VALIDITY = Duration.ofMinutes(5);
    /** The resend countdown of the page: one SMS per number per minute. */
    public static final Duration GAP = Duration.ofSeconds(60);
    /** Six digits and five tries: a guess succeeds once in 200,000 codes. */
    public static final int MAX_TRIES = 5;

    /** What asking for a code ended in. */
    public sealed interface Ask {
        /** The code to send: the only place the digits exist besides the SMS itself. */
        record Issued(String code) implements Ask {
            @Override
            public String toString() {
                return "Issued[code=******]";
            }
        }

        /** Over a budget or within the gap: ask again after {@code retryAfter}. */
        record Refused(Duration retryAfter, String budget) implements Ask {
        }
    }

    public enum Check {
        VERIFIED,
        /** Wrong, expired, already used, or never asked for: the same answer for all. */
        WRONG,
        /** Five wrong tries: even the right digits no longer open it. */
        DEAD
    }

    private final WebStore store;
    private final Hmac hmac;
    private final Clock clock;
    private final GatewayConfig.Web.Codes budgets;
    private final Supplier<String> digits;

    public CodeBook(WebStore store, Hmac hmac, Clock clock, GatewayConfig.Web.Codes budgets) {
        this(store, hmac, clock, budgets, sixDigits(new SecureRandom()));
    }

    CodeBook(WebStore store, Hmac hmac, Clock clock, GatewayConfig.Web.Codes budgets, Supplier<String> digits) {
        this.store = store;
        this.hmac = hmac;
        this.clock = clock;
        this.budgets = budgets;
        this.digits = digits;
    }

    static Supplier<String> sixDigits(SecureRandom random) {
        return () -> String.format("%06d", random.nextInt(1_000_000));
    }

    /** Asks for a code for {@code msisdn} from client {@code address}. */
    public CompletableFuture<Ask> ask(Msisdn msisdn, String address) {
        Instant now = clock.instant();
        Instant hourEnd = windowEnd(now, Duration.ofHours(1));
        Instant minuteEnd = windowEnd(now, Duration.ofMinutes(1));
        String number = msisdn.digits();
        long hour = now.getEpochSecond() / 3600;
        long minute = now.getEpochSecond() / 60;
        return store.count(hmac.key("wa", address) + ":" + hour, hourEnd).thenCompose(perAddress -> {
            if (perAddress > budgets.perAddressPerHour()) {
                return refused(hourEnd, now, "address");
            }
            return store.claim(hmac.key("wg", number), now.plus(GAP)).thenCompose(held -> {
                if (held.isPresent()) {
                    return refused(held.get(), now, "gap");
                }
                return store.count(hmac.key("wn", number) + ":" + hour, hourEnd).thenCompose(perNumber -> {
                    // The number's minute is taken from here on: a refusal never says to come back sooner.
                    Instant gapEnd = now.plus(GAP);
                    if (perNumber > budgets.perNumberPerHour()) {
                        return refused(later(hourEnd, gapEnd), now, "number");
                    }
                    return store.count("ws:" + minute, minuteEnd).thenCompose(service -> {
                        if (service > budgets.perMinute()) {
                            return refused(later(minuteEnd, gapEnd), now, "service");
                        }
                        String code = digits.get();
                        WebStore.StoredCode stored = new WebStore.StoredCode(codeHash(number, code), now.plus(VALIDITY), 0);
                        return store.putCode(hmac.key("wc", number), stored).thenApply(v -> new Ask.Issued(code));
                    });
                });
            });
        });
    }

    /** Checks {@code code} for {@code msisdn}; a verified code is used up. */
    public CompletableFuture<Check> check(Msisdn msisdn, String code) {
        String key = hmac.key("wc", msisdn.digits());
        byte[] candidate = codeHash(msisdn.digits(), code);
        return store.attempt(key).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Check.WRONG);
            }
            WebStore.StoredCode stored = found.get();
            if (stored.tries() > MAX_TRIES) {
                return CompletableFuture.completedFuture(Check.DEAD);
            }
            if (!clock.instant().isBefore(stored.expiresAt())) {
                return CompletableFuture.completedFuture(Check.WRONG);
            }
            if (!MessageDigest.isEqual(stored.hmac(), candidate)) {
                return CompletableFuture.completedFuture(stored.tries() >= MAX_TRIES ? Check.DEAD : Check.WRONG);
            }
            // Two requests with the right code at once: only the one that removes it wins.
            return store.consume(key, stored.hmac()).thenApply(removed -> removed ? Check.VERIFIED : Check.WRONG);
        });
    }

    private byte[] codeHash(String number, String code) {
        return hmac.of("code:" + number + ":" + code);
    }

    private static CompletableFuture<Ask> refused(Instant until, Instant now, String budget) {
        Duration wait = Duration.between(now, until);
        return CompletableFuture.completedFuture(new Ask.Refused(wait.isNegative() ? Duration.ZERO : wait, budget));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant windowEnd(Instant now, Duration window) {
        long size = window.getSeconds();
        return Instant.ofEpochSecond((now.getEpochSecond() / size + 1) * size);
    }

    /** Whether {@code text} is six ASCII digits (anything else is refused before the store is asked). */
    public static boolean wellFormed(String text) {
        return text != null && text.length() == 6 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
