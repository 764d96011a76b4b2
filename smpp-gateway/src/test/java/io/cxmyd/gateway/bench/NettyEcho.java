package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.LoggingOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An SMSC-side echo on Cloudhopper's netty stack (issue 14's "echo on a netty stack"), the ceiling the gateway is
 * compared with by {@link OutsideLoad}: it takes any bind, answers each {@code submit_sm} at once with
 * {@code submit_sm_resp} ROK, then sends the reply on the same session as {@code deliver_sm}, the same part count
 * and part size as the gateway's: UCS2 (data_coding 8), {@code --parts P} parts (default 2) of a 6-octet UDH
 * (05 00 03 ref total seq, esm_class 0x40) and 134 octets (67 UCS2 characters); the last part
 * {@code --last-part-octets} (default 134). {@code --plain}: one 60-character UCS2 part without UDH. No lookup, no
 * journal, no thread per PDU: the response and the parts are written from the session's netty I/O thread and the
 * parts ride the session's window ({@code deliver_sm_resp} completes them on that thread); only a reply that
 * finds the window too full to take all its parts is handed to one overflow thread, which waits for room.
 *
 * <pre>java -Xmx512m -cp &lt;test classpath&gt; io.cxmyd.gateway.bench.NettyEcho [--host 127.0.0.1] [--port 2775]
 *     [--parts 2] [--last-part-octets 134] [--plain] [--window 1000]</pre>
 * It prints {@code NettyEcho listening on HOST:PORT} when ready, and its counters and CPU at exit (SIGTERM).
 */
public final class NettyEcho implements AutoCloseable {

    /** What the echo sends. */
    public record Options(String host, int port, int parts, int lastPartOctets, boolean plain, int window) {

        public static Options defaults() {
            return new Options("127.0.0.1", 2775, 2, 134, false, 1000);
        }

        public Options withPort(int p) {
            return new Options(host, p, parts, lastPartOctets, plain, window);
        }

        public Options withParts(int p) {
            return new Options(host, port, p, lastPartOctets, plain, window);
        }

        public Options withPlain(boolean p) {
            return new Options(host, port, parts, lastPartOctets, p, window);
        }

        static Options parse(String[] args) {
            Options o = defaults();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--plain")) {
                    o = o.withPlain(true);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + ": a value is needed");
                }
                String v = args[++i];
                o = switch (a) {
                    case "--host" -> new Options(v, o.port, o.parts, o.lastPartOctets, o.plain, o.window);
                    case "--port" -> o.withPort(Integer.parseInt(v));
                    case "--parts" -> o.withParts(Integer.parseInt(v));
                    case "--last-part-octets" -> new Options(o.host, o.port, o.parts, Integer.parseInt(v), o.plain,
                            o.window);
                    case "--window" -> new Options(o.host, o.port, o.parts, o.lastPartOctets, o.plain,
                            Integer.parseInt(v));
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + " (--host --port --parts --last-part-octets --plain --window)");
                };
            }
            if (o.parts < 1 || o.parts > 255) {
                throw new IllegalArgumentException("--parts: 1 to 255, was " + o.parts);
            }
            if (o.lastPartOctets < 2 || o.lastPartOctets > 134 || o.lastPartOctets % 2 != 0) {
                throw new IllegalArgumentException("--last-part-octets: an even number from 2 to 134, was "
                        + o.lastPartOctets);
            }
            return o;
        }
    }

    private static final int UDH = 6;
    private static final int PART_OCTETS = 134;
    private static final long EXPIRY_MS = 30_000;
    /** 67 UCS2 characters of text (what a part carries), cycled. */
    private static final byte[] TEXT = ("您好，这是回声服务器按网关回复的长度发送的测试文本，不含任何行程信息。只用于测量协议栈的上限。"
            + "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十").getBytes(StandardCharsets.UTF_16BE);

    private final Options options;
    private final DefaultSmppServer server;
    private final ExecutorService nettyThreads = Executors.newCachedThreadPool(daemon("echo-netty"));
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(daemon("echo-monitor"));
    private final ExecutorService overflow = Executors.newSingleThreadExecutor(daemon("echo-overflow"));
    private final Map<Long, SmppServerSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger reference = new AtomicInteger();
    private final byte[][] templates;

    final LongAdder submits = new LongAdder();
    final LongAdder delivers = new LongAdder();
    final LongAdder deliverResps = new LongAdder();
    final LongAdder deliverErrors = new LongAdder();
    final LongAdder overflowed = new LongAdder();
    final LongAdder queuedWrites = new LongAdder();
    final LongAdder failed = new LongAdder();
    private final AtomicLong ids = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long[] busyFrom;
    private volatile long[] busyTo;
    private final Thread sampler = daemon("echo-cpu").newThread(this::sample);

    private NettyEcho(Options options) {
        this.options = options;
        this.templates = templates(options);
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setHost(options.host());
        c.setPort(options.port());
        c.setName("netty-echo");
        c.setMaxConnectionSize(64);
        c.setNonBlockingSocketsEnabled(true);
        c.setDefaultRequestExpiryTimeout(EXPIRY_MS);
        c.setDefaultWindowMonitorInterval(15_000);
        c.setDefaultWindowSize(options.window());
        c.setDefaultWindowWaitTimeout(EXPIRY_MS);
        c.setDefaultSessionCountersEnabled(false);
        c.setJmxEnabled(false);
        this.server = new DefaultSmppServer(c, new Binds(), nettyThreads, monitor);
    }

    /** Starts an echo; {@code options.port()} 0 picks a free port ({@link #port()}). */
    public static NettyEcho start(Options options) throws Exception {
        Options o = options.port() == 0 ? options.withPort(freePort()) : options;
        NettyEcho echo = new NettyEcho(o);
        echo.server.start();
        echo.sampler.start();
        return echo;
    }

    public int port() {
        return options.port();
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        NettyEcho echo = start(o);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(echo.summary());
            System.out.flush();
        }, "echo-summary"));
        System.out.println("NettyEcho listening on " + o.host() + ":" + echo.port() + " ("
                + (o.plain() ? "plain: one 60-character UCS2 part" : o.parts() + " UCS2 parts, UDH, last part "
                + o.lastPartOctets() + " octets") + ", deliver_sm window " + o.window() + ")");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Counters and CPU: this JVM's, over its life and from the first submit_sm to the last PDU handled. */
    public String summary() {
        double cpuAll = cpuSeconds();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder s = new StringBuilder("== netty echo ==\n");
        s.append(String.format("submit_sm %d, deliver_sm %d, deliver_sm_resp %d (not ROK %d), failed %d,"
                        + " replies through the overflow thread %d, writes left queued by netty %d%n",
                submits.sum(), delivers.sum(), deliverResps.sum(), deliverErrors.sum(), failed.sum(),
                overflowed.sum(), queuedWrites.sum()));
        long[] from = busyFrom;
        long[] to = busyTo;
        if (from != null && to[0] > from[0]) {
            double busy = (to[0] - from[0]) / 1e9;
            double cpu = (to[1] - from[1]) / 1e9;
            s.append(String.format("echo CPU: %.2f cores while it had traffic (%.1f s CPU in %.1f s, sampled every"
                    + " 200 ms); %.1f s CPU in %.1f s since start%n", cpu / busy, cpu, busy, cpuAll, wall));
        } else {
            s.append(String.format("echo CPU: %.1f s in %.1f s since start (no traffic)%n", cpuAll, wall));
        }
        return s.toString();
    }

    @Override
    public void close() {
        sessions.values().forEach(SmppServerSession::destroy);
        server.destroy();
        sampler.interrupt();
        overflow.shutdownNow();
        monitor.shutdownNow();
        nettyThreads.shutdownNow();
    }

    /** Each part's bytes with a zero reference; a reply copies them and sets its own. */
    private static byte[][] templates(Options o) {
        if (o.plain()) {
            return new byte[][] {Arrays.copyOf(TEXT, 120)};
        }
        byte[][] t = new byte[o.parts()][];
        for (int i = 0; i < o.parts(); i++) {
            int octets = i == o.parts() - 1 ? o.lastPartOctets() : PART_OCTETS;
            byte[] b = new byte[UDH + octets];
            b[0] = 0x05;
            b[1] = 0x00;
            b[2] = 0x03;
            b[4] = (byte) o.parts();
            b[5] = (byte) (i + 1);
            for (int j = 0; j < octets; j += 2) {
                int k = ((i * PART_OCTETS + j) % TEXT.length) & ~1;
                b[UDH + j] = TEXT[k];
                b[UDH + j + 1] = TEXT[k + 1];
            }
            t[i] = b;
        }
        return t;
    }

    private DeliverSm[] reply(SubmitSm sm) throws Exception {
        Address subscriber = sm.getSourceAddress();
        Address service = sm.getDestAddress();
        byte ref = (byte) reference.incrementAndGet();
        DeliverSm[] parts = new DeliverSm[templates.length];
        for (int i = 0; i < parts.length; i++) {
            DeliverSm d = new DeliverSm();
            d.setSourceAddress(new Address(service.getTon(), service.getNpi(), service.getAddress()));
            d.setDestAddress(new Address(subscriber.getTon(), subscriber.getNpi(), subscriber.getAddress()));
            d.setDataCoding((byte) 0x08);
            byte[] body = templates[i].clone();
            if (!options.plain()) {
                d.setEsmClass((byte) 0x40);
                body[3] = ref;
            }
            d.setShortMessage(body);
            parts[i] = d;
        }
        return parts;
    }

    /** One bound session: answers its submit_sm and sends their replies on it. */
    private final class Link extends DefaultSmppSessionHandler {
        private final SmppServerSession session;
        /** Replies of this session handed to the overflow thread and not yet all offered to the window. */
        private final AtomicInteger overflowing = new AtomicInteger();

        Link(SmppServerSession session) {
            this.session = session;
        }

        @Override
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof SubmitSm sm) {
                onSubmit(sm);
                return null; // answered in onSubmit, ahead of the parts
            }
            return request.createResponse();
        }

        @Override
        public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
            deliverResps.increment();
            if (response.getResponse().getCommandStatus() != SmppConstants.STATUS_OK) {
                deliverErrors.increment();
            }
        }

        @Override
        public void firePduRequestExpired(PduRequest request) {
            failed.increment();
        }

        private void onSubmit(SubmitSm sm) {
            submits.increment();
            SubmitSmResp resp = sm.createResponse();
            resp.setMessageId(Long.toHexString(ids.incrementAndGet()));
            DeliverSm[] parts;
            try {
                parts = reply(sm);
            } catch (Exception e) {
                failed.increment();
                return;
            }
            // The response first, from this (the I/O) thread: the parts below cannot overtake it.
            write(() -> session.sendResponsePdu(resp));
            // Only this I/O thread and the overflow thread offer to this session's window, and the overflow
            // thread only while overflowing > 0, which only this thread raises: with none overflowing, the room
            // seen here stays (deliver_sm_resp, which frees it, is read on this thread too), and the offers
            // below never wait on the I/O thread.
            if (overflowing.get() == 0 && session.getSendWindow().getFreeSize() >= parts.length) {
                for (DeliverSm d : parts) {
                    send(d);
                }
            } else {
                overflowed.increment();
                overflowing.incrementAndGet();
                overflow.execute(() -> {
                    try {
                        for (DeliverSm d : parts) {
                            send(d);
                        }
                    } finally {
                        overflowing.decrementAndGet();
                    }
                });
            }
        }

        private void send(DeliverSm d) {
            write(() -> session.sendRequestPdu(d, EXPIRY_MS, false));
            delivers.increment();
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    /**
     * Cloudhopper (netty 3) waits for each write to complete. On the I/O thread a write completes at once unless
     * the socket's buffer is full; then netty refuses the wait (IllegalStateException) but the PDU stays queued
     * and goes out when the peer reads: counted, not lost.
     */
    private void write(Write w) {
        try {
            w.run();
        } catch (IllegalStateException e) {
            queuedWrites.increment();
        } catch (Exception e) {
            failed.increment();
        }
    }

    private final class Binds implements SmppServerHandler {
        @Override
        public void sessionBindRequested(Long id, SmppSessionConfiguration config, BaseBind bind) {
            // Any system_id and password: the echo stands for every carrier. No PDU logging.
            LoggingOptions quiet = new LoggingOptions();
            quiet.setLogPdu(false);
            quiet.setLogBytes(false);
            config.setLoggingOptions(quiet);
            config.setCountersEnabled(false);
        }

        @Override
        public void sessionCreated(Long id, SmppServerSession session, BaseBindResp resp) {
            sessions.put(id, session);
            noDelay(session);
            session.serverReady(new Link(session));
        }

        @Override
        public void sessionDestroyed(Long id, SmppServerSession session) {
            sessions.remove(id);
            session.destroy();
        }
    }

    /**
     * Samples this JVM's CPU time every 200 ms while submit_sm come in: the first and last sample with traffic
     * bound the busy period (a CPU-time read per PDU would cost more than the echo's own work).
     */
    private void sample() {
        long seen = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long n = submits.sum() + deliverResps.sum();
            if (n != seen) {
                long now = System.nanoTime();
                long cpu = cpuNanos();
                if (seen == 0) {
                    busyFrom = new long[] {now, cpu};
                }
                busyTo = new long[] {now, cpu};
                seen = n;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Cloudhopper 5.0.9 (netty 3) leaves Nagle's algorithm on: a small PDU written while the previous one is
     * unacknowledged then waits for the peer's delayed ACK (about 40 ms on Linux). Both tools switch it off.
     */
    static void noDelay(com.cloudhopper.smpp.SmppSession session) {
        if (session instanceof com.cloudhopper.smpp.impl.DefaultSmppSession d) {
            d.getChannel().getConfig().setOption("tcpNoDelay", true);
        }
    }

    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static double cpuSeconds() {
        return cpuNanos() / 1e9;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

}
