package io.cxmyd.gateway.smpp.esme;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a session waits before it binds again: exponential from {@code min} to {@code max}, with jitter, so
 * that the sessions of a gateway (and the gateways of a carrier) that lost their binds together do not come
 * back in lock-step. Pure: the random draw is passed in.
 *
 * <p>Two refusals wait the full {@code max} at once, whatever the count: {@code ESME_RALYBND} (the SMSC still
 * holds our previous bind, typically until its own enquire_link or inactivity timer drops it, tens of seconds)
 * and "too many sessions" ({@code ESME_RBINDFAIL}, or a carrier's own code for it). Binding again at the usual
 * pace would only keep the account locked and fill the carrier's logs: the reconnect storm carriers complain of.
 * Wrong credentials wait {@code max} too: they will not fix themselves, and the log says so.
 */
public final class RebindPolicy {

    /** Why the last bind attempt failed. */
    public enum Failure {
        /** Connection refused, reset, timed out, TLS failed: the usual case. */
        UNREACHABLE,
        /** The bind was up and was lost. */
        LINK_LOST,
        /** bind_resp ESME_RALYBND: the SMSC still counts an earlier bind of ours. */
        ALREADY_BOUND,
        /** bind_resp ESME_RBINDFAIL or a carrier's "too many sessions" code. */
        TOO_MANY_SESSIONS,
        /** bind_resp ESME_RINVPASWD / ESME_RINVSYSID / ESME_RINVSYSTYP: a config error on one side. */
        CREDENTIALS,
        /** Any other bind_resp status. */
        REFUSED;

        /** Whether this failure waits the whole maximum at once. */
        boolean waitsLongest() {
            return this == ALREADY_BOUND || this == TOO_MANY_SESSIONS || this == CREDENTIALS;
        }
    }

    private final Duration min;
    private final Duration max;

    public RebindPolicy(Duration min, Duration max) {
        this.min = Objects.requireNonNull(min, "min");
        this.max = Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("0 < min <= max, was " + min + "/" + max);
        }
    }

    /**
     * The wait before attempt {@code failuresInARow + 1}.
     *
     * @param failure why the last attempt failed
     * @param failuresInARow 1 after the first failure
     * @param random a draw in [0, 1)
     * @return between half and all of the step's delay (equal jitter), never below {@code min}
     */
    public Duration delay(Failure failure, int failuresInARow, double random) {
        if (failuresInARow < 1) {
            throw new IllegalArgumentException("failuresInARow: at least 1, was " + failuresInARow);
        }
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random: in [0, 1), was " + random);
        }
        Duration step = failure.waitsLongest() ? max : exponential(failuresInARow);
        long nanos = step.toNanos();
        long jittered = nanos / 2 + (long) (nanos / 2 * random);
        return Duration.ofNanos(Math.max(jittered, min.toNanos()));
    }

    private Duration exponential(int failuresInARow) {
        long factor = 1L << Math.min(failuresInARow - 1, 30);
        Duration d = min.multipliedBy(factor);
        return d.compareTo(max) > 0 || d.isNegative() ? max : d;
    }
}
