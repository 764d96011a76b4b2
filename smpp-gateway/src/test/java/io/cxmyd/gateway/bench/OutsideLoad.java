package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.type.LoggingOptions;
import io.cxmyd.gateway.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.HdrHistogram.Histogram;

/**
 * The gateway measured from outside (issue 14) with an SMPP stack that is not the gateway's: Cloudhopper's
 * {@link DefaultSmppClient} (netty). It binds {@code --sessions} transceiver sessions as the carriers of
 * {@code --bind} (in turn) and sends {@code CXMYD} in {@code submit_sm} from subscriber numbers, each query
 * complete when every part of its reply has come back as {@code deliver_sm} to that number (the part count from
 * the UDH, IEI 0x00 or 0x08, or the SAR TLVs; 1 when neither). Every {@code deliver_sm} is answered ROK at once,
 * in the session handler. A reply is matched to its query by destination: a number has at most one query in
 * flight, so the parts of one reply may arrive on any session.
 *
 * <p>Pace: {@code --window W} queries outstanding per session, from sent to last part in (the Cloudhopper window
 * of each session, which holds {@code submit_sm} until their response, has the same size and so never waits),
 * sent with Cloudhopper's asynchronous {@code sendRequestPdu(..., false)} by one thread per session; or
 * {@code --rate N} queries/s over all sessions on a fixed schedule, latency from the intended send time.
 *
 * <pre>java -cp &lt;test classpath&gt; io.cxmyd.gateway.bench.OutsideLoad --target 127.0.0.1:2775
 *     [--bind cmcc:cm-pass1:10086,cucc:cu-pass1:10010] [--sessions 2] [--window 64] [--rate N]
 *     [--warmup 5s] [--duration 20s] [--drain 10s] [--numbers-from FILE | --numbers-range FIRST-LAST]
 *     [--numbers-limit 20000] [--server-pid PID] [--label NAME]</pre>
 * Numbers: the first column of a dataset's {@code subscribers.csv} ({@code --numbers-from}, by default
 * {@code $CXMYD_BENCH_DATA/subscribers.csv}), its first {@code --numbers-limit}; or a range. {@code --server-pid}:
 * the server's CPU from {@code /proc/PID/stat} over the measured window. Exit status 1 when a reply is missing or
 * incomplete.
 *
 * <p>The query side (numbers, pace, part collection, figures) is {@link OutsideRun}, shared with
 * {@link OutsideSmscLoad}, which plays the SMSC the gateway binds to in ESME mode; these options and the
 * {@link Result} serve both.
 */
public final class OutsideLoad {

    /** One carrier to bind as: system_id, password, and the service number its queries go to. */
    public record Bind(String systemId, String password, String serviceNumber) {
        static Bind parse(String spec) {
            String[] p = spec.split(":");
            if (p.length != 3) {
                throw new IllegalArgumentException("--bind: SYSTEM_ID:PASSWORD:SERVICE_NUMBER, was '" + spec + "'");
            }
            return new Bind(p[0], p[1], p[2]);
        }
    }

    /**
     * A run's settings; {@code rate} 0 for window mode, {@code serverPid} 0 when unknown. {@code host} and
     * {@code port}: the server bound to ({@link OutsideLoad}), or where the SMSC listens ({@link OutsideSmscLoad},
     * which also waits up to {@code bindWait} for {@code sessions} binds and checks them against {@code binds}).
     */
    public record Options(String host, int port, List<Bind> binds, int sessions, int window, int rate,
                          Duration warmup, Duration duration, Duration drain, Path numbersFrom,
                          String numbersRange, int numbersLimit, long serverPid, String label, Duration bindWait) {

        public static Options target(String host, int port) {
            String data = System.getenv("CXMYD_BENCH_DATA");
            return new Options(host, port, List.of(Bind.parse("cmcc:cm-pass1:10086"), Bind.parse("cucc:cu-pass1:10010")),
                    2, 64, 0, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(10),
                    data == null ? null : Path.of(data, "subscribers.csv"), null, 20_000, 0, "load",
                    Duration.ofSeconds(60));
        }

        /** Where {@link OutsideSmscLoad} listens (port 0: a free one); otherwise as {@link #target}. */
        public static Options listen(String host, int port) {
            return target(host, port);
        }

        public Options withPort(int p) {
            return new Options(host, p, binds, sessions, window, rate, warmup, duration, drain, numbersFrom,
                    numbersRange, numbersLimit, serverPid, label, bindWait);
        }

        public Options withPace(int sessions, int window, Duration warmup, Duration duration) {
            return new Options(host, port, binds, sessions, window, rate, warmup, duration, drain, numbersFrom,
                    numbersRange, numbersLimit, serverPid, label, bindWait);
        }

        /** Queries/s over all sessions on a fixed schedule; 0: window mode. */
        public Options withRate(int queriesPerSecond) {
            return new Options(host, port, binds, sessions, window, queriesPerSecond, warmup, duration, drain,
                    numbersFrom, numbersRange, numbersLimit, serverPid, label, bindWait);
        }

        public Options withNumbersRange(String range) {
            return new Options(host, port, binds, sessions, window, rate, warmup, duration, drain, null, range,
                    numbersLimit, serverPid, label, bindWait);
        }

        /** {@code --target HOST:PORT} ({@link OutsideLoad}), or {@code --listen HOST:PORT} and {@code --bind-wait}. */
        static Options parse(String[] args, boolean listen) {
            String address = listen ? "--listen" : "--target";
            String target = null;
            Duration bindWait = null;
            List<Bind> binds = null;
            Integer sessions = null;
            Integer window = null;
            int rate = 0;
            Duration warmup = null;
            Duration duration = null;
            Duration drain = null;
            Path from = null;
            String range = null;
            Integer limit = null;
            long pid = 0;
            String label = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + ": a value is needed");
                }
                String v = args[++i];
                switch (a) {
                    case "--target", "--listen" -> {
                        if (!a.equals(address)) {
                            throw new IllegalArgumentException(a + ": this tool takes " + address);
                        }
                        target = v;
                    }
                    case "--bind-wait" -> {
                        if (!listen) {
                            throw new IllegalArgumentException("--bind-wait: only with --listen");
                        }
                        bindWait = Durations.flag(a, v, Duration.ofSeconds(1));
                    }
                    case "--bind" -> binds = Arrays.stream(v.split(",")).map(String::strip).map(Bind::parse).toList();
                    case "--sessions" -> sessions = positive(a, v);
                    case "--window" -> window = positive(a, v);
                    case "--rate" -> rate = positive(a, v);
                    case "--warmup" -> warmup = Durations.flag(a, v, Duration.ZERO);
                    case "--duration" -> duration = Durations.flag(a, v, Duration.ofMillis(100));
                    case "--drain" -> drain = Durations.flag(a, v, Duration.ZERO);
                    case "--numbers-from" -> from = Path.of(v);
                    case "--numbers-range" -> range = v;
                    case "--numbers-limit" -> limit = Integer.parseInt(v.replace("_", ""));
                    case "--server-pid" -> pid = Long.parseLong(v);
                    case "--label" -> label = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (target == null || target.lastIndexOf(':') < 0) {
                throw new IllegalArgumentException(address + " HOST:PORT is needed");
            }
            int colon = target.lastIndexOf(':');
            Options o = target(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
            if (from == null && range == null && o.numbersFrom() == null) {
                throw new IllegalArgumentException("--numbers-from FILE or --numbers-range FIRST-LAST (or CXMYD_BENCH_DATA)");
            }
            return new Options(o.host(), o.port(), binds != null ? binds : o.binds(),
                    sessions != null ? sessions : o.sessions(), window != null ? window : o.window(), rate,
                    warmup != null ? warmup : o.warmup(), duration != null ? duration : o.duration(),
                    drain != null ? drain : o.drain(), range != null ? null : from != null ? from : o.numbersFrom(),
                    range, limit != null ? limit : o.numbersLimit(), pid, label != null ? label : o.label(),
                    bindWait != null ? bindWait : o.bindWait());
        }

        private static int positive(String flag, String v) {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < 1) {
                throw new IllegalArgumentException(flag + ": at least 1, was " + n);
            }
            return n;
        }
    }

    /**
     * A run's figures. Latencies in µs; {@code queriesPerSecond} counts the replies whose last part arrived within
     * the measured window; {@code missing} and {@code incomplete} are queries (of the whole run) still waiting
     * for their reply, or for some of its parts, after the drain. {@code query}: the query's PDU,
     * {@code submit_sm} ({@link OutsideLoad}) or {@code deliver_sm} ({@link OutsideSmscLoad}); {@code queryResp}
     * its response's latency; the reply's parts are the other one.
     */
    public record Result(String label, String query, double seconds, long sent, long completedInWindow, double queriesPerSecond,
                         Histogram latency, Histogram queryResp, Histogram sendLag, Map<String, Long> errors,
                         long missing, long incomplete, long unmatched, long duplicateParts, long inconsistentTotals,
                         long expiredQueries, Map<Integer, Long> partsPerReply, double octetsPerReply,
                         double toolCores, double serverCores, int numbers) {

        public double ms(Histogram h, double percentile) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
        }

        public double meanParts() {
            long n = 0;
            long parts = 0;
            for (Map.Entry<Integer, Long> e : partsPerReply.entrySet()) {
                n += e.getValue();
                parts += (long) e.getKey() * e.getValue();
            }
            return n == 0 ? 0 : (double) parts / n;
        }

        /** The reply parts' PDU: the other one. */
        public String reply() {
            return query.equals("submit_sm") ? "deliver_sm" : "submit_sm";
        }

        public String report() {
            StringBuilder s = new StringBuilder();
            s.append(String.format("queries/s: %.0f (%d replies complete within %.1f s; %d queries sent in it)%n",
                    queriesPerSecond, completedInWindow, seconds, sent));
            s.append(String.format("latency %s -> last part, ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f"
                            + " (%d measured queries)%n", query, ms(latency, 50), ms(latency, 90), ms(latency, 99),
                    latency.getMaxValue() / 1000.0, latency.getTotalCount()));
            s.append(String.format("%s_resp, ms: p50 %.2f  p99 %.2f  max %.2f%n", query, ms(queryResp, 50),
                    ms(queryResp, 99), queryResp.getMaxValue() / 1000.0));
            if (sendLag.getTotalCount() > 0) {
                s.append(String.format("tool's send lag behind the schedule, ms: p50 %.2f  p99 %.2f  max %.2f%n",
                        ms(sendLag, 50), ms(sendLag, 99), sendLag.getMaxValue() / 1000.0));
            }
            s.append(String.format("parts per reply: %.2f %s, %.0f octets of short_message per reply%n", meanParts(),
                    partsPerReply, octetsPerReply));
            s.append("errors (" + query + "_resp not ROK, or send failed): ")
                    .append(errors.isEmpty() ? "none" : errors.toString()).append('\n');
            s.append(String.format("missing %d, incomplete %d, unmatched %s %d, duplicate parts %d,"
                            + " inconsistent totals %d, %s without response %d%n", missing, incomplete, reply(),
                    unmatched, duplicateParts, inconsistentTotals, query, expiredQueries));
            s.append(String.format("tool CPU: %.2f cores", toolCores));
            if (serverCores >= 0) {
                s.append(String.format("; server CPU: %.2f cores", serverCores));
            }
            s.append(" (over the measured window)\n");
            s.append(String.format("RESULT label=%s qps=%.0f p50=%.2f p90=%.2f p99=%.2f max=%.2f resp_p50=%.2f"
                            + " resp_p99=%.2f parts=%.2f errors=%d missing=%d incomplete=%d tool_cpu=%.2f"
                            + " server_cpu=%.2f%n", label, queriesPerSecond, ms(latency, 50), ms(latency, 90),
                    ms(latency, 99), latency.getMaxValue() / 1000.0, ms(queryResp, 50), ms(queryResp, 99),
                    meanParts(), errors.values().stream().mapToLong(Long::longValue).sum(), missing, incomplete,
                    toolCores, serverCores));
            return s.toString();
        }
    }

    private OutsideLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args, false);
        } catch (IllegalArgumentException e) {
            System.err.println("OutsideLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        Result r = run(o);
        System.out.print(r.report());
        System.out.flush();
        System.exit(exitStatus(r));
    }

    /** 1 when a reply is missing or incomplete, or none completed in the measured window. */
    static int exitStatus(Result r) {
        return r.missing() + r.incomplete() > 0 || r.completedInWindow() == 0 ? 1 : 0;
    }

    /** Binds, runs the warm-up and the measured window, drains, unbinds. */
    public static Result run(Options o) throws Exception {
        OutsideNumbers numbers = OutsideNumbers.of(o);
        System.out.printf("== outside load '%s' against %s:%d: %d sessions (%s), %s, %d numbers, warm-up %s,"
                        + " measured %s ==%n", o.label(), o.host(), o.port(), o.sessions(),
                String.join(", ", o.binds().stream().map(Bind::systemId).toList()),
                o.rate() > 0 ? o.rate() + " queries/s" : "window " + o.window(), numbers.size(),
                Durations.format(o.warmup()), Durations.format(o.duration()));
        OutsideRun run = new OutsideRun(o, numbers, false);
        ExecutorService io = Executors.newCachedThreadPool(NettyEcho.daemon("load-netty"));
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(NettyEcho.daemon("load-monitor"));
        DefaultSmppClient client = new DefaultSmppClient(io, o.sessions(), monitor);
        List<OutsideRun.Link> links = new ArrayList<>();
        try {
            for (int s = 0; s < o.sessions(); s++) {
                Bind bind = o.binds().get(s % o.binds().size());
                SmppSession session = client.bind(configuration(o, bind, s), run.handler());
                NettyEcho.noDelay(session);
                links.add(new OutsideRun.Link(session, bind));
            }
            return run.run(links);
        } finally {
            for (OutsideRun.Link l : links) {
                try {
                    l.session().unbind(2000);
                } catch (RuntimeException e) {
                    // closing anyway
                }
                l.session().destroy();
            }
            client.destroy();
            monitor.shutdownNow();
            io.shutdownNow();
        }
    }

    private static SmppSessionConfiguration configuration(Options o, Bind bind, int s) {
        SmppSessionConfiguration c = new SmppSessionConfiguration();
        c.setName("outside-" + s);
        c.setType(SmppBindType.TRANSCEIVER);
        c.setHost(o.host());
        c.setPort(o.port());
        c.setSystemId(bind.systemId());
        c.setPassword(bind.password());
        c.setWindowSize(o.window());
        c.setWindowWaitTimeout(OutsideRun.EXPIRY_MS);
        c.setRequestExpiryTimeout(OutsideRun.EXPIRY_MS);
        c.setWindowMonitorInterval(5_000);
        c.setConnectTimeout(10_000);
        c.setBindTimeout(10_000);
        c.setCountersEnabled(false);
        c.setLoggingOptions(quietLogging());
        return c;
    }

    /** No PDU nor byte logging (Cloudhopper logs every PDU by default). */
    static LoggingOptions quietLogging() {
        LoggingOptions quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        return quiet;
    }
}
