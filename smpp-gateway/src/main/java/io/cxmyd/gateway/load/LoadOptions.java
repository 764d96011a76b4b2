package io.cxmyd.gateway.load;

import java.nio.file.Path;
import io.cxmyd.gateway.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code bench} command line, validated once: a bad value is refused with the option's name, the rule
 * and the value.
 *
 * @param inProcess a gateway config to start in this JVM, or empty with {@code target}
 * @param target host:port of a gateway already running, or {@code null} with {@code inProcess}
 * @param config the config whose carriers the sessions bind as (the in-process one, or the target's)
 * @param sessions binds, spread over {@code carriers} in turn
 * @param carriers carrier ids to bind as; empty: every carrier of the config
 * @param rate queries per second over all sessions at a fixed schedule; 0: window mode
 * @param window queries outstanding per session (sent, reply not complete) in window mode
 * @param senders threads per session calling the blocking submit_sm
 * @param warmup sent and answered but not measured
 * @param duration measured
 * @param drain how long to wait for the replies still expected after the last send
 * @param numbersFrom a subscribers.csv to draw senders from at random, or empty with {@code numbersRange}
 * @param numbersRange {@code first-last} numbers drawn at random, or {@code null}
 * @param numbersLimit only the first this many numbers of the file (a hot set that the near cache holds); 0: all
 * @param checkEvery one reply in this many is checked for its text
 * @param echo also drive an echo server on the same SMPP stack with the same load, and print the ratio
 * @param text the query text
 */
record LoadOptions(
        Optional<Path> inProcess,
        String target,
        Path config,
        int sessions,
        List<String> carriers,
        int rate,
        int window,
        int senders,
        Duration warmup,
        Duration duration,
        Duration drain,
        Optional<Path> numbersFrom,
        String numbersRange,
        int numbersLimit,
        int checkEvery,
        boolean echo,
        String text) {

    static final String USAGE = """
            usage: java -jar cxmyd-gateway.jar bench (--in-process CONFIG | --target HOST:PORT --config CONFIG)
                     [--rate N | --window N] [--sessions 2] [--carriers ID,ID] [--senders N]
                     [--warmup 5s] [--duration 30s] [--drain 10s]
                     [--numbers-from DIR/subscribers.csv | --numbers-range FIRST-LAST] [--numbers-limit N]
                     [--check-every 100] [--echo] [--esme] [--text CXMYD]

            Drives CXMYD queries through a gateway, started in this JVM (--in-process) or already running
            (--target, binding as the carriers of --config), and prints queries/s, latency percentiles and
            errors; --echo first measures the same SMPP stack alone, for a ratio. docs/performance.md has the
            commands and the figures.

              --rate N           a fixed rate of queries/s (else: --window N queries outstanding per session)
              --sessions N       transceiver binds, spread over --carriers (default: every carrier of the config)
              --warmup, --duration, --drain   durations (500ms, 5s, 1m): not measured, measured, waited for late replies
              --numbers-from / --numbers-range / --numbers-limit   the senders (default: the dataset's subscribers)
              --check-every N    check every N-th reply's text (signature and masked sender)
              --esme             (with --in-process) then the same load in ESME mode, the tool playing the SMSCs
            Exit status: 0 when every measured query was answered right, 1 otherwise, 2 for a bad command line.""";

    /** Parses {@code --key value} / {@code --key=value} options; {@code --echo} takes no value. */
    static LoadOptions parse(List<String> args) {
        Optional<Path> inProcess = Optional.empty();
        String target = null;
        Path config = null;
        int sessions = 2;
        List<String> carriers = List.of();
        int rate = 0;
        int window = 64;
        Integer senders = null;
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(30);
        Duration drain = Duration.ofSeconds(10);
        Optional<Path> numbersFrom = Optional.empty();
        String numbersRange = null;
        int numbersLimit = 0;
        int checkEvery = 100;
        boolean echo = false;
        String text = "CXMYD";
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String key = rest.get(i);
            if (key.equals("--echo")) {
                echo = true;
                continue;
            }
            String value;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new IllegalArgumentException(key + ": a value is required");
            }
            switch (key) {
                case "--in-process" -> inProcess = Optional.of(Path.of(value));
                case "--target" -> target = hostPort(value);
                case "--config" -> config = Path.of(value);
                case "--sessions" -> sessions = positive(key, value, 1, 64);
                case "--carriers" -> carriers = List.of(value.split(","));
                case "--rate" -> rate = positive(key, value, 1, 1_000_000);
                case "--window" -> window = positive(key, value, 1, 4096);
                case "--senders" -> senders = positive(key, value, 1, 512);
                case "--warmup" -> warmup = duration(key, value, true);
                case "--duration" -> duration = duration(key, value, false);
                case "--drain" -> drain = duration(key, value, true);
                case "--numbers-from" -> numbersFrom = Optional.of(Path.of(value));
                case "--numbers-range" -> numbersRange = value;
                case "--numbers-limit" -> numbersLimit = positive(key, value, 1, Integer.MAX_VALUE);
                case "--check-every" -> checkEvery = positive(key, value, 1, 1_000_000);
                case "--text" -> text = value;
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        if (inProcess.isPresent() == (target != null)) {
            throw new IllegalArgumentException("one of --in-process CONFIG or --target HOST:PORT is required");
        }
        if (inProcess.isPresent()) {
            config = config == null ? inProcess.get() : config;
        } else if (config == null) {
            throw new IllegalArgumentException("--config: required with --target (the carriers to bind as)");
        }
        if (numbersFrom.isPresent() && numbersRange != null) {
            throw new IllegalArgumentException("--numbers-from and --numbers-range exclude each other");
        }
        // Enough threads that the blocking submit_sm is not what paces the run: a fixed rate needs about
        // rate x submit round trip of them; a window needs fewer, as a query spends most of its life waiting
        // for its reply, not for submit_sm_resp.
        int threads = senders != null ? senders : rate > 0 ? 32 : Math.min(window, 16);
        return new LoadOptions(inProcess, target, config, sessions, carriers, rate, window, threads, warmup,
                duration, drain, numbersFrom, numbersRange, numbersLimit, checkEvery, echo, text);
    }

    boolean fixedRate() {
        return rate > 0;
    }

    String describe() {
        String pace = fixedRate() ? rate + " queries/s" : "window " + window + " per session";
        return sessions + " session(s), " + pace + ", " + senders + " sender thread(s) per session, warm-up "
                + warmup.toMillis() / 1000.0 + " s, measured " + duration.toMillis() / 1000.0 + " s";
    }

    private static String hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--target: HOST:PORT, was '" + value + "'");
        }
        positive("--target", value.substring(colon + 1), 1, 65535);
        return value;
    }

    private static int positive(String key, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": a whole number, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    /** The product's one duration syntax ({@link Durations}): {@code 500ms}, {@code 30s}, {@code 2m}. */
    static Duration duration(String key, String value, boolean zeroAllowed) {
        return Durations.flag(key, value, zeroAllowed ? Duration.ZERO : Duration.ofMillis(1));
    }
}
