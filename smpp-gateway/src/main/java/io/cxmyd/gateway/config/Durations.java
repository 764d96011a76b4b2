package io.cxmyd.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of the product, for the config file and for command-line flags alike: a whole
 * number and a unit, {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}. A bare number is refused:
 * "15" could be seconds or milliseconds, and a person should not have to guess which. Pure.
 */
public final class Durations {

    /** What every error about a duration says it expects. */
    public static final String EXPECTED = "a duration such as 500ms, 30s, 10m, 2h";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration {@code text} spells, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /**
     * A flag's value: the duration, or an {@link IllegalArgumentException} whose message is the one line to
     * print, e.g. {@code --timeout: must be a duration such as 500ms, 30s, 10m, 2h, was "abc"}.
     */
    public static Duration flag(String flag, String value, Duration min) {
        Duration d = parse(value).orElseThrow(() -> new IllegalArgumentException(
                flag + ": must be " + EXPECTED + ", was \"" + value + "\""));
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException(flag + ": must be at least " + format(min) + ", was \"" + value + "\"");
        }
        return d;
    }

    /** The shortest spelling in the same syntax: {@code 90s}, {@code 10m}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
