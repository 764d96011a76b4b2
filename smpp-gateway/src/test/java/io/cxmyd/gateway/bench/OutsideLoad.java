package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.LoggingOptions;
import io.cxmyd.gateway.config.Durations;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
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

    /** A run's settings; {@code rate} 0 for window mode, {@code serverPid} 0 when unknown. */
    public record Options(String host, int port, List<Bind> binds, int sessions, int window, int rate,
                          Duration warmup, Duration duration, Duration drain, Path numbersFrom,
                          String numbersRange, int numbersLimit, long serverPid, String label) {

        public static Options target(String host, int port) {
            String data = System.getenv("CXMYD_BENCH_DATA");
            return new Options(host, port, List.of(Bind.parse("cmcc:cm-pass1:10086"), Bind.parse("cucc:cu-pass1:10010")),
                    2, 64, 0, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(10),
                    data == null ? null : Path.of(data, "subscribers.csv"), null, 20_000, 0, "load");
        }

        public Options withPace(int sessions, int window, Duration warmup, Duration duration) {
            return new Options(host, port, binds, sessions, window, rate, warmup, duration, drain, numbersFrom,
                    numbersRange, numbersLimit, serverPid, label);
        }

        /** Queries/s over all sessions on a fixed schedule; 0: window mode. */
        public Options withRate(int queriesPerSecond) {
            return new Options(host, port, binds, sessions, window, queriesPerSecond, warmup, duration, drain,
                    numbersFrom, numbersRange, numbersLimit, serverPid, label);
        }

        public Options withNumbersRange(String range) {
            return new Options(host, port, binds, sessions, window, rate, warmup, duration, drain, null, range,
                    numbersLimit, serverPid, label);
        }

        static Options parse(String[] args) {
            String target = null;
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
                    case "--target" -> target = v;
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
                throw new IllegalArgumentException("--target HOST:PORT is needed");
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
                    range, limit != null ? limit : o.numbersLimit(), pid, label != null ? label : o.label());
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
     * for their reply, or for some of its parts, after the drain.
     */
    public record Result(String label, double seconds, long sent, long completedInWindow, double queriesPerSecond,
                         Histogram latency, Histogram submitResp, Histogram sendLag, Map<String, Long> errors,
                         long missing, long incomplete, long unmatched, long duplicateParts, long inconsistentTotals,
                         long expiredSubmits, Map<Integer, Long> partsPerReply, double octetsPerReply,
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

        public String report() {
            StringBuilder s = new StringBuilder();
            s.append(String.format("queries/s: %.0f (%d replies complete within %.1f s; %d queries sent in it)%n",
                    queriesPerSecond, completedInWindow, seconds, sent));
            s.append(String.format("latency submit_sm -> last part, ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f"
                            + " (%d measured queries)%n", ms(latency, 50), ms(latency, 90), ms(latency, 99),
                    latency.getMaxValue() / 1000.0, latency.getTotalCount()));
            s.append(String.format("submit_sm_resp, ms: p50 %.2f  p99 %.2f  max %.2f%n", ms(submitResp, 50),
                    ms(submitResp, 99), submitResp.getMaxValue() / 1000.0));
            if (sendLag.getTotalCount() > 0) {
                s.append(String.format("tool's send lag behind the schedule, ms: p50 %.2f  p99 %.2f  max %.2f%n",
                        ms(sendLag, 50), ms(sendLag, 99), sendLag.getMaxValue() / 1000.0));
            }
            s.append(String.format("parts per reply: %.2f %s, %.0f octets of short_message per reply%n", meanParts(),
                    partsPerReply, octetsPerReply));
            s.append("errors (submit_sm_resp not ROK, or send failed): ")
                    .append(errors.isEmpty() ? "none" : errors.toString()).append('\n');
            s.append(String.format("missing %d, incomplete %d, unmatched deliver_sm %d, duplicate parts %d,"
                            + " inconsistent totals %d, submit_sm without response %d%n", missing, incomplete,
                    unmatched, duplicateParts, inconsistentTotals, expiredSubmits));
            s.append(String.format("tool CPU: %.2f cores", toolCores));
            if (serverCores >= 0) {
                s.append(String.format("; server CPU: %.2f cores", serverCores));
            }
            s.append(" (over the measured window)\n");
            s.append(String.format("RESULT label=%s qps=%.0f p50=%.2f p90=%.2f p99=%.2f max=%.2f resp_p50=%.2f"
                            + " resp_p99=%.2f parts=%.2f errors=%d missing=%d incomplete=%d tool_cpu=%.2f"
                            + " server_cpu=%.2f%n", label, queriesPerSecond, ms(latency, 50), ms(latency, 90),
                    ms(latency, 99), latency.getMaxValue() / 1000.0, ms(submitResp, 50), ms(submitResp, 99),
                    meanParts(), errors.values().stream().mapToLong(Long::longValue).sum(), missing, incomplete,
                    toolCores, serverCores));
            return s.toString();
        }
    }

    private static final long EXPIRY_MS = 30_000;
    private static final byte[] KEYWORD = "CXMYD".getBytes(StandardCharsets.US_ASCII);

    /** One query: claimed a number's slot before its submit_sm went out, freed by its last part or a refusal. */
    private static final class Query {
        final int slot;
        final long due;
        final boolean measured;
        final Semaphore window;
        volatile long sentNanos;
        volatile int total;
        final AtomicLong seenParts = new AtomicLong();
        final AtomicInteger parts = new AtomicInteger();
        final AtomicInteger octets = new AtomicInteger();

        Query(int slot, long due, boolean measured, Semaphore window) {
            this.slot = slot;
            this.due = due;
            this.measured = measured;
            this.window = window;
        }
    }

    private final Options options;
    private final long[] numbers;
    private final String[] numberText;
    private final AtomicReferenceArray<Query> slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Histogram latency = new ConcurrentHistogram(3);
    private final Histogram submitResp = new ConcurrentHistogram(3);
    private final Histogram sendLag = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder completedInWindow = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder inconsistent = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder noFreeNumber = new LongAdder();
    private final LongAdder replyOctets = new LongAdder();
    private final AtomicLongArray partsPerReply = new AtomicLongArray(256);
    private volatile long warmEnd;
    private volatile long end;

    private OutsideLoad(Options options, long[] numbers) {
        this.options = options;
        this.numbers = numbers;
        this.numberText = Arrays.stream(numbers).mapToObj(Long::toString).toArray(String[]::new);
        this.slots = new AtomicReferenceArray<>(numbers.length);
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("OutsideLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        Result r = run(o);
        System.out.print(r.report());
        System.out.flush();
        System.exit(r.missing() + r.incomplete() > 0 || r.completedInWindow() == 0 ? 1 : 0);
    }

    /** Binds, runs the warm-up and the measured window, drains, unbinds. */
    public static Result run(Options o) throws Exception {
        long[] numbers = o.numbersRange() != null ? range(o.numbersRange(), o.numbersLimit())
                : fromCsv(o.numbersFrom(), o.numbersLimit());
        System.out.printf("== outside load '%s' against %s:%d: %d sessions (%s), %s, %d numbers, warm-up %s,"
                        + " measured %s ==%n", o.label(), o.host(), o.port(), o.sessions(),
                String.join(", ", o.binds().stream().map(Bind::systemId).toList()),
                o.rate() > 0 ? o.rate() + " queries/s" : "window " + o.window(), numbers.length,
                Durations.format(o.warmup()), Durations.format(o.duration()));
        return new OutsideLoad(o, numbers).run();
    }

    private Result run() throws Exception {
        ExecutorService io = Executors.newCachedThreadPool(NettyEcho.daemon("load-netty"));
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(NettyEcho.daemon("load-monitor"));
        DefaultSmppClient client = new DefaultSmppClient(io, options.sessions(), monitor);
        List<SmppSession> sessions = new ArrayList<>();
        try {
            for (int s = 0; s < options.sessions(); s++) {
                SmppSession session = client.bind(configuration(options.binds().get(s % options.binds().size()), s),
                        new Handler());
                NettyEcho.noDelay(session);
                sessions.add(session);
            }
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            warmEnd = start + options.warmup().toNanos();
            end = warmEnd + options.duration().toNanos();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < sessions.size(); s++) {
                SmppSession session = sessions.get(s);
                Bind bind = options.binds().get(s % options.binds().size());
                Thread t = new Thread(options.rate() > 0 ? () -> sendAtRate(session, bind, start)
                        : () -> sendInWindow(session, bind, start), "load-send-" + s);
                t.setDaemon(true);
                senders.add(t);
                t.start();
            }
            sleepUntil(warmEnd);
            long cpu0 = NettyEcho.cpuNanos();
            long server0 = serverTicks();
            long wall0 = System.nanoTime();
            sleepUntil(end);
            long cpu1 = NettyEcho.cpuNanos();
            long server1 = serverTicks();
            double wall = (System.nanoTime() - wall0) / 1e9;
            for (Thread t : senders) {
                t.join();
            }
            long drainEnd = System.nanoTime() + options.drain().toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < drainEnd) {
                Thread.sleep(10);
            }
            long missing = 0;
            long incomplete = 0;
            for (int i = 0; i < slots.length(); i++) {
                Query q = slots.get(i);
                if (q != null) {
                    if (q.parts.get() == 0) {
                        missing++;
                    } else {
                        incomplete++;
                    }
                }
            }
            Map<Integer, Long> parts = new TreeMap<>();
            long replies = 0;
            for (int p = 0; p < partsPerReply.length(); p++) {
                if (partsPerReply.get(p) > 0) {
                    parts.put(p, partsPerReply.get(p));
                    replies += partsPerReply.get(p);
                }
            }
            Map<String, Long> errs = new TreeMap<>();
            errors.forEach((k, v) -> errs.put(k, v.sum()));
            if (noFreeNumber.sum() > 0) {
                errs.put("no number free to send from (all in flight)", noFreeNumber.sum());
            }
            double seconds = options.duration().toNanos() / 1e9;
            return new Result(options.label(), seconds, sent.sum(), completedInWindow.sum(),
                    completedInWindow.sum() / seconds, latency.copy(), submitResp.copy(), sendLag.copy(), errs,
                    missing, incomplete, unmatched.sum(), duplicates.sum(), inconsistent.sum(), expired.sum(), parts,
                    replies == 0 ? 0 : (double) replyOctets.sum() / replies,
                    cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9 / wall,
                    server0 < 0 || server1 < 0 ? -1 : (server1 - server0) / 100.0 / wall, numbers.length);
        } finally {
            for (SmppSession s : sessions) {
                try {
                    s.unbind(2000);
                } catch (RuntimeException e) {
                    // closing anyway
                }
                s.destroy();
            }
            client.destroy();
            monitor.shutdownNow();
            io.shutdownNow();
        }
    }

    private SmppSessionConfiguration configuration(Bind bind, int s) {
        SmppSessionConfiguration c = new SmppSessionConfiguration();
        c.setName("outside-" + s);
        c.setType(SmppBindType.TRANSCEIVER);
        c.setHost(options.host());
        c.setPort(options.port());
        c.setSystemId(bind.systemId());
        c.setPassword(bind.password());
        c.setWindowSize(options.window());
        c.setWindowWaitTimeout(EXPIRY_MS);
        c.setRequestExpiryTimeout(EXPIRY_MS);
        c.setWindowMonitorInterval(5_000);
        c.setConnectTimeout(10_000);
        c.setBindTimeout(10_000);
        c.setCountersEnabled(false);
        LoggingOptions quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        c.setLoggingOptions(quiet);
        return c;
    }

    /** Window mode: W queries outstanding (sent, last part not in); sends as many as the window has room for. */
    private void sendInWindow(SmppSession session, Bind bind, long start) {
        Semaphore window = new Semaphore(options.window());
        sleepUntil(start);
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0 || !window.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
                int n = 1 + window.drainPermits();
                for (int k = 0; k < n; k++) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    if (!send(session, bind, now, window)) {
                        window.release(n - k);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fixed rate: query i of this session is due at start + i * period; latency runs from that due time. */
    private void sendAtRate(SmppSession session, Bind bind, long start) {
        long period = Math.round(1e9 * options.sessions() / options.rate());
        for (long i = 0; ; i++) {
            long due = start + i * period;
            if (due >= end) {
                return;
            }
            sleepUntil(due);
            while (!send(session, bind, due, null)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                if (System.nanoTime() >= end) {
                    return;
                }
            }
        }
    }

    /** One submit_sm from a number with no query in flight; false when none was found. */
    private boolean send(SmppSession session, Bind bind, long due, Semaphore window) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean measured = due >= warmEnd;
        Query q = null;
        for (int attempt = 0; attempt < 64 && q == null; attempt++) {
            int slot = random.nextInt(numbers.length);
            if (slots.get(slot) == null) {
                Query candidate = new Query(slot, due, measured, window);
                if (slots.compareAndSet(slot, null, candidate)) {
                    q = candidate;
                }
            }
        }
        if (q == null) {
            noFreeNumber.increment();
            return false;
        }
        inFlight.incrementAndGet();
        try {
            SubmitSm sm = new SubmitSm();
            sm.setSourceAddress(new Address((byte) 1, (byte) 1, numberText[q.slot]));
            sm.setDestAddress(new Address((byte) 0, (byte) 1, bind.serviceNumber()));
            sm.setRegisteredDelivery((byte) 0);
            sm.setDataCoding((byte) 0);
            sm.setShortMessage(KEYWORD);
            sm.setReferenceObject(q);
            q.sentNanos = System.nanoTime();
            if (measured) {
                sent.increment();
                if (window == null) {
                    sendLag.recordValue(Math.max(0, q.sentNanos - due) / 1000);
                }
            }
            session.sendRequestPdu(sm, EXPIRY_MS, false);
        } catch (Exception e) {
            error("send failed: " + e.getClass().getSimpleName());
            free(q);
        }
        return true;
    }

    private void error(String what) {
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** Frees the query's number and window room; false when something else already did. */
    private boolean free(Query q) {
        if (!slots.compareAndSet(q.slot, q, null)) {
            return false;
        }
        inFlight.decrementAndGet();
        if (q.window != null) {
            q.window.release();
        }
        return true;
    }

    private void onPart(DeliverSm d, long now) {
        String to = d.getDestAddress() == null ? null : d.getDestAddress().getAddress();
        int slot = indexOf(to);
        Query q = slot < 0 ? null : slots.get(slot);
        if (q == null) {
            unmatched.increment();
            return;
        }
        byte[] body = d.getShortMessage();
        int octets = body == null ? 0 : body.length;
        int total = 1;
        int seq = 1;
        if ((d.getEsmClass() & 0x40) != 0 && body != null && body.length > 0) {
            int udhEnd = 1 + (body[0] & 0xFF);
            for (int i = 1; i + 1 < udhEnd && i + 1 < body.length; ) {
                int iei = body[i] & 0xFF;
                int len = body[i + 1] & 0xFF;
                if (iei == 0x00 && len == 3 && i + 4 < body.length) {
                    total = body[i + 3] & 0xFF;
                    seq = body[i + 4] & 0xFF;
                } else if (iei == 0x08 && len == 4 && i + 5 < body.length) {
                    total = body[i + 4] & 0xFF;
                    seq = body[i + 5] & 0xFF;
                }
                i += 2 + len;
            }
        } else {
            Tlv t = d.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS);
            Tlv n = d.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM);
            try {
                if (t != null && n != null) {
                    total = t.getValueAsUnsignedByte();
                    seq = n.getValueAsUnsignedByte();
                }
                Tlv payload = d.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD);
                if (octets == 0 && payload != null) {
                    octets = payload.getLength();
                }
            } catch (Exception e) {
                inconsistent.increment();
            }
        }
        total = Math.max(1, total);
        if (q.total == 0) {
            q.total = total;
        } else if (q.total != total) {
            inconsistent.increment();
        }
        if (seq >= 1 && seq <= 64) {
            long bit = 1L << (seq - 1);
            long seen;
            do {
                seen = q.seenParts.get();
                if ((seen & bit) != 0) {
                    duplicates.increment();
                    return;
                }
            } while (!q.seenParts.compareAndSet(seen, seen | bit));
        }
        q.octets.addAndGet(octets);
        if (q.parts.incrementAndGet() == q.total && free(q)) {
            if (now >= warmEnd && now < end) {
                completedInWindow.increment();
            }
            if (q.measured) {
                latency.recordValue(Math.max(0, now - q.due) / 1000);
                partsPerReply.incrementAndGet(Math.min(255, q.total));
                replyOctets.add(q.octets.get());
            }
        }
    }

    private int indexOf(String number) {
        if (number == null || number.isEmpty() || number.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        int i = Arrays.binarySearch(numbers, n);
        return i < 0 ? -1 : i;
    }

    /** Every session's handler: parts may come on any of them. */
    private final class Handler extends DefaultSmppSessionHandler {
        @Override
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof DeliverSm d) {
                onPart(d, System.nanoTime());
            }
            return request.createResponse(); // ROK, at once
        }

        @Override
        public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
            long now = System.nanoTime();
            if (!(response.getRequest().getReferenceObject() instanceof Query q)) {
                return;
            }
            if (q.measured) {
                submitResp.recordValue(Math.max(0, now - q.sentNanos) / 1000);
            }
            int status = response.getResponse().getCommandStatus();
            if (status != SmppConstants.STATUS_OK) {
                error(String.format("0x%08X", status));
                free(q); // refused: no reply will come
            }
        }

        @Override
        public void firePduRequestExpired(PduRequest request) {
            expired.increment();
        }

        @Override
        public void fireChannelUnexpectedlyClosed() {
            error("session closed by the server");
        }
    }

    /** utime + stime of {@code --server-pid} in clock ticks (USER_HZ, 100), or -1. */
    private long serverTicks() {
        if (options.serverPid() <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(options.serverPid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The first column of subscribers.csv (header skipped), its first {@code limit} (0: all), sorted, distinct. */
    static long[] fromCsv(Path file, int limit) throws IOException {
        long[] all = new long[1 << 14];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null && (limit == 0 || n < limit)) {
                int comma = line.indexOf(',');
                String first = (comma < 0 ? line : line.substring(0, comma)).strip();
                if (first.isEmpty() || !Character.isDigit(first.charAt(0))) {
                    continue; // the header
                }
                if (n == all.length) {
                    all = Arrays.copyOf(all, n * 2);
                }
                all[n++] = Long.parseLong(first);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no subscriber in " + file);
        }
        return Arrays.stream(all, 0, n).sorted().distinct().toArray();
    }

    /** {@code FIRST-LAST}, both included, at most {@code limit} of them (0: all). */
    static long[] range(String spec, int limit) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("--numbers-range: FIRST-LAST, was '" + spec + "'");
        }
        long a = Long.parseLong(spec.substring(0, dash).strip());
        long b = Long.parseLong(spec.substring(dash + 1).strip());
        long count = b - a + 1;
        if (count < 1 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--numbers-range: LAST below FIRST or too many, was " + spec);
        }
        if (limit > 0) {
            count = Math.min(count, limit);
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = a + i;
        }
        return out;
    }
}
