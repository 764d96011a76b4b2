package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMSC-side echo on Cloudhopper's netty stack (issue 14's "echo on a netty stack"), the ceiling the gateway is
 * compared with by {@link OutsideLoad}: it takes any bind, answers each {@code submit_sm} at once with
 * {@code submit_sm_resp} ROK, then sends the reply on the same session as {@code deliver_sm}, the same part count
 * and part size as the gateway's: UCS2 (data_coding 8), {@code --parts P} parts (default 2) of a 6-octet UDH
 * (05 00 03 ref total seq, esm_class 0x40) and 134 octets (67 UCS2 characters); the last part
 * {@code --last-part-octets} (default 134). {@code --plain}: one 60-character UCS2 part without UDH. No lookup, no
 * journal, no thread per PDU: the response and the parts are written from the session's netty I/O thread and the
 * parts ride the session's window ({@code deliver_sm_resp} completes them on that thread); only a reply that
 * finds the window too full to take all its parts is handed to one overflow thread, which waits for room
 * ({@link EchoLink}; the parts from {@link EchoReplies}, shared with {@link NettyEsmeEcho}, its ESME-mode twin).
 *
 * <pre>java -Xmx512m -cp &lt;test classpath&gt; io.cxmyd.gateway.bench.NettyEcho [--host 127.0.0.1] [--port 2775]
 *     [--parts 2] [--last-part-octets 134] [--plain] [--window 1000] [--query-work CONFIG] [--journal DIR]</pre>
 * {@code --query-work CONFIG} adds the gateway's per-query work that is not wire work ({@link QueryWork}, on
 * CONFIG's dataset), {@code --journal DIR} its durable accept (the answer once the query's record is fsync'd in a
 * journal in DIR): with both, a same-work echo ({@code outside-bench.sh --echo-work}).
 * It prints {@code NettyEcho listening on HOST:PORT} when ready, and its counters and CPU at exit (SIGTERM).
 */
public final class NettyEcho implements AutoCloseable {

    /** What the echo sends. */
    public record Options(String host, int port, int parts, int lastPartOctets, boolean plain, int window,
            Path queryWork, Path journal) {

        public static Options defaults() {
            return new Options("127.0.0.1", 2775, 2, 134, false, 1000, null, null);
        }

        public Options withPort(int p) {
            return new Options(host, p, parts, lastPartOctets, plain, window, queryWork, journal);
        }

        public Options withParts(int p) {
            return new Options(host, port, p, lastPartOctets, plain, window, queryWork, journal);
        }

        /** The gateway's per-query work ({@link QueryWork}) on the dataset of the config file {@code config}. */
        public Options withQueryWork(Path config) {
            return new Options(host, port, parts, lastPartOctets, plain, window, config, journal);
        }

        /** Durable accept: each answer after its record's fsync in a journal in {@code dir}. */
        public Options withJournal(Path dir) {
            return new Options(host, port, parts, lastPartOctets, plain, window, queryWork, dir);
        }

        public Options withPlain(boolean p) {
            return new Options(host, port, parts, lastPartOctets, p, window, queryWork, journal);
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
                    case "--host" -> new Options(v, o.port, o.parts, o.lastPartOctets, o.plain, o.window, o.queryWork, o.journal);
                    case "--port" -> o.withPort(Integer.parseInt(v));
                    case "--parts" -> o.withParts(Integer.parseInt(v));
                    case "--last-part-octets" -> new Options(o.host, o.port, o.parts, Integer.parseInt(v), o.plain,
                            o.window, o.queryWork, o.journal);
                    case "--window" -> new Options(o.host, o.port, o.parts, o.lastPartOctets, o.plain,
                            Integer.parseInt(v), o.queryWork, o.journal);
                    case "--query-work" -> new Options(o.host, o.port, o.parts, o.lastPartOctets, o.plain,
                            o.window, Path.of(v), o.journal);
                    case "--journal" -> new Options(o.host, o.port, o.parts, o.lastPartOctets, o.plain,
                            o.window, o.queryWork, Path.of(v));
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + " (--host --port --parts --last-part-octets --plain --window --query-work --journal)");
                };
            }
            new EchoReplies(o.parts, o.lastPartOctets, o.plain); // checks them
            return o;
        }
    }

    private final Options options;
    private final DefaultSmppServer server;
    private final ExecutorService nettyThreads = Executors.newCachedThreadPool(daemon("echo-netty"));
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(daemon("echo-monitor"));
    private final ExecutorService overflow = Executors.newSingleThreadExecutor(daemon("echo-overflow"));
    private final Map<Long, SmppServerSession> sessions = new ConcurrentHashMap<>();
    private final EchoReplies replies;
    private final EchoLink.Counters counters = new EchoLink.Counters();

    private NettyEcho(Options options) {
        this.options = options;
        this.replies = EchoReplies.of(options);
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setHost(options.host());
        c.setPort(options.port());
        c.setName("netty-echo");
        c.setMaxConnectionSize(64);
        c.setNonBlockingSocketsEnabled(true);
        c.setDefaultRequestExpiryTimeout(OutsideRun.EXPIRY_MS);
        c.setDefaultWindowMonitorInterval(15_000);
        c.setDefaultWindowSize(options.window());
        c.setDefaultWindowWaitTimeout(OutsideRun.EXPIRY_MS);
        c.setDefaultSessionCountersEnabled(false);
        c.setJmxEnabled(false);
        this.server = new DefaultSmppServer(c, new Binds(), nettyThreads, monitor);
    }

    /** Starts an echo; {@code options.port()} 0 picks a free port ({@link #port()}). */
    public static NettyEcho start(Options options) throws Exception {
        Options o = options.port() == 0 ? options.withPort(freePort()) : options;
        NettyEcho echo = new NettyEcho(o);
        echo.server.start();
        echo.counters.start();
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
        return counters.summary("netty echo", "submit_sm", "deliver_sm");
    }

    @Override
    public void close() {
        sessions.values().forEach(SmppServerSession::destroy);
        server.destroy();
        replies.close();
        counters.stop();
        overflow.shutdownNow();
        monitor.shutdownNow();
        nettyThreads.shutdownNow();
    }

    private final class Binds implements SmppServerHandler {
        @Override
        public void sessionBindRequested(Long id, SmppSessionConfiguration config, BaseBind bind) {
            // Any system_id and password: the echo stands for every carrier. No PDU logging.
            config.setLoggingOptions(OutsideLoad.quietLogging());
            config.setCountersEnabled(false);
        }

        @Override
        public void sessionCreated(Long id, SmppServerSession session, BaseBindResp resp) {
            sessions.put(id, session);
            noDelay(session);
            session.serverReady(new EchoLink(session, SubmitSm.class, DeliverSm::new, replies, counters, overflow));
        }

        @Override
        public void sessionDestroyed(Long id, SmppServerSession session) {
            sessions.remove(id);
            session.destroy();
        }
    }

    /**
     * Cloudhopper 5.0.9 (netty 3) leaves Nagle's algorithm on: a small PDU written while the previous one is
     * unacknowledged then waits for the peer's delayed ACK (about 40 ms on Linux). Every tool switches it off.
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
