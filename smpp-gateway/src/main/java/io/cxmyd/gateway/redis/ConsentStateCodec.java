package io.cxmyd.gateway.redis;

import io.cxmyd.gateway.consent.ConsentState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The text of a {@link ConsentState} in Redis: {@code 1|pendingUntil|wrongCodes|wrongDay|lockedUntil},
 * instants in epoch milliseconds, {@code -} for none. Pure. The leading {@code 1} is the format's version:
 * a value of another version, or damaged, reads as nothing remembered.
 */
final class ConsentStateCodec {

    private static final String VERSION = "1";
    private static final String NONE = "-";

    private ConsentStateCodec() {
    }

    static String encode(ConsentState s) {
        return String.join("|", VERSION, millis(s.pendingUntil()), Integer.toString(s.wrongCodes()),
                s.wrongDay() == null ? NONE : s.wrongDay().toString(), millis(s.lockedUntil()));
    }

    static Optional<ConsentState> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] f = text.split("\\|", -1);
        if (f.length != 5 || !VERSION.equals(f[0])) {
            return Optional.empty();
        }
        try {
            int wrong = Integer.parseInt(f[2]);
            if (wrong < 0) {
                return Optional.empty();
            }
            return Optional.of(new ConsentState(instant(f[1]), wrong, NONE.equals(f[3]) ? null : LocalDate.parse(f[3]),
                    instant(f[4])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String millis(Instant i) {
        return i == null ? NONE : Long.toString(i.toEpochMilli());
    }

    private static Instant instant(String s) {
        return NONE.equals(s) ? null : Instant.ofEpochMilli(Long.parseLong(s));
    }
}
