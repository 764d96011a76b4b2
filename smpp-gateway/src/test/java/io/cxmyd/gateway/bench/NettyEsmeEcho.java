package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.SmppBindException;
import io.cxmyd.gateway.bench.OutsideLoad.Bind;
import io.cxmyd.gateway.config.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link NettyEcho}'s ESME-mode twin, the ceiling the gateway in ESME mode is compared with by
 * {@link OutsideSmscLoad}: Cloudhopper's {@link DefaultSmppClient} (netty) binds one transceiver per
 * {@code --bind} entry to the SMSC at {@code --target} (the tool), with the same system_id and password as the
 * gateway, trying again every 200 ms for {@code --bind-wait} (60 s) while nothing listens there. It answers each
 * {@code deliver_sm} at once with {@code deliver_sm_resp} ROK, then sends the reply on the same session as
 * {@code submit_sm}, the parts of {@link EchoReplies} ({@code --parts} 2 UCS2 parts with UDH, 134 octets then
 * {@code --last-part-octets}; {@code --plain}: one part), riding a window of {@code --window} (1000)
 * {@code submit_sm}; no thread per PDU ({@link EchoLink}). No lookup, no journal. TCP_NODELAY on.
 *
 * <pre>java -Xmx512m -cp &lt;test classpath&gt; io.cxmyd.gateway.bench.NettyEsmeEcho --target 127.0.0.1:2776
 *     [--bind cmcc:cm-pass1,cucc:cu-pass1] [--bind-wait 60s] [--parts 2] [--last-part-octets 134] [--plain]
 *     [--window 1000]</pre>
 * It prints {@code NettyEsmeEcho bound to HOST:PORT} when all its binds are up, and its counters and CPU at exit
 * (SIGTERM).
 */
public final class NettyEsmeEcho implements AutoCloseable {

    /** What the echo sends ({@code echo}: its host and port are the SMSC's), and as whom it binds. */
    public record Options(NettyEcho.Options echo, List<Bind> binds, Duration bindWait) {

        public static Options target(String host, int port) {
            return new Options(new NettyEcho.Options(host, port, 2, 134, false, 1000, null, null),
                    List.of(new Bind("cmcc", "cm-pass1", ""), new Bind("cucc", "cu-pass1", "")),
                    Duration.ofSeconds(60));
        }

        public Options withEcho(NettyEcho.Options e) {
            return new Options(e, binds, bindWait);
        }

        /** {@code --target}, {@code --bind}, {@code --bind-wait}; the rest as {@link NettyEcho}'s options. */
        static Options parse(String[] args) {
            String target = null;
            List<Bind> binds = null;
            Duration wait = null;
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                boolean ours = a.equals("--target") || a.equals("--bind") || a.equals("--bind-wait");
                if (!ours) {
                    rest.add(a);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + ": a value is needed");
                }
                String v = args[++i];
                switch (a) {
                    case "--target" -> target = v;
                    case "--bind" -> binds = Arrays.stream(v.split(",")).map(String::strip).map(Options::bind).toList();
                    default -> wait = Durations.flag(a, v, Duration.ofSeconds(1));
                }
            }
            if (target == null || target.lastIndexOf(':') < 0) {
                throw new IllegalArgumentException("--target HOST:PORT is needed (the SMSC to bind to)");
            }
            int colon = target.lastIndexOf(':');
            NettyEcho.Options e = NettyEcho.Options.parse(rest.toArray(String[]::new));
            e = new NettyEcho.Options(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)),
                    e.parts(), e.lastPartOctets(), e.plain(), e.window(), e.queryWork(), e.journal());
            Options d = target(e.host(), e.port());
            return new Options(e, binds != null ? binds : d.binds(), wait != null ? wait : d.bindWait());
        }

        /** {@code SYSTEM_ID:PASSWORD}, or the load tool's {@code SYSTEM_ID:PASSWORD:SERVICE_NUMBER}. */
        private static Bind bind(String spec) {
            String[] p = spec.split(":");
            if (p.length != 2 && p.length != 3) {
                throw new IllegalArgumentException("--bind: SYSTEM_ID:PASSWORD[,...], was '" + spec + "'");
            }
            return new Bind(p[0], p[1], p.length == 3 ? p[2] : "");
        }
    }

    private final Options options;
    private final ExecutorService io = Executors.newCachedThreadPool(NettyEcho.daemon("esme-echo-netty"));
    private final ScheduledExecutorService monitor =
            Executors.newSingleThreadScheduledExecutor(NettyEcho.daemon("esme-echo-monitor"));
    private final ExecutorService overflow = Executors.newSingleThreadExecutor(NettyEcho.daemon("esme-echo-overflow"));
    private final DefaultSmppClient client;
    private final List<SmppSession> sessions = new ArrayList<>();
    private final EchoReplies replies;
    private final EchoLink.Counters counters = new EchoLink.Counters();

    private NettyEsmeEcho(Options options) {
        this.options = options;
        NettyEcho.Options e = options.echo();
        this.replies = EchoReplies.of(e);
        this.client = new DefaultSmppClient(io, options.binds().size(), monitor);
    }

    /** Binds every session (trying again while the SMSC is not there yet) and echoes from then on. */
    public static NettyEsmeEcho start(Options options) throws Exception {
        NettyEsmeEcho echo = new NettyEsmeEcho(options);
        try {
            echo.counters.start();
            long deadline = System.nanoTime() + options.bindWait().toNanos();
            for (int s = 0; s < options.binds().size(); s++) {
                echo.bind(options.binds().get(s), s, deadline);
            }
            return echo;
        } catch (Exception | Error e) {
            echo.close();
            throw e;
        }
    }

    private void bind(Bind bind, int s, long deadline) throws Exception {
        while (true) {
            EchoLink link = new EchoLink(null, DeliverSm.class, SubmitSm::new, replies, counters, overflow);
            try {
                SmppSession session = client.bind(configuration(bind, s), link);
                NettyEcho.noDelay(session);
                link.attach(session);
                synchronized (sessions) {
                    sessions.add(session);
                }
                return;
            } catch (SmppBindException e) {
                throw new IOException("bind as " + bind.systemId() + " refused: 0x"
                        + Integer.toHexString(e.getBindResponse().getCommandStatus()), e);
            } catch (Exception e) {
                if (System.nanoTime() >= deadline) {
                    throw new IOException("no bind as " + bind.systemId() + " to " + options.echo().host() + ":"
                            + options.echo().port() + " within " + Durations.format(options.bindWait()) + ": " + e, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private SmppSessionConfiguration configuration(Bind bind, int s) {
        SmppSessionConfiguration c = new SmppSessionConfiguration();
        c.setName("esme-echo-" + s);
        c.setType(SmppBindType.TRANSCEIVER);
        c.setHost(options.echo().host());
        c.setPort(options.echo().port());
        c.setSystemId(bind.systemId());
        c.setPassword(bind.password());
        c.setWindowSize(options.echo().window());
        c.setWindowWaitTimeout(OutsideRun.EXPIRY_MS);
        c.setRequestExpiryTimeout(OutsideRun.EXPIRY_MS);
        c.setWindowMonitorInterval(15_000);
        c.setConnectTimeout(2_000);
        c.setBindTimeout(5_000);
        c.setCountersEnabled(false);
        c.setLoggingOptions(OutsideLoad.quietLogging());
        return c;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("NettyEsmeEcho: " + e.getMessage());
            System.exit(2);
            return;
        }
        NettyEsmeEcho echo = start(o);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(echo.summary());
            System.out.flush();
        }, "echo-summary"));
        NettyEcho.Options e = o.echo();
        System.out.println("NettyEsmeEcho bound to " + e.host() + ":" + e.port() + " as "
                + String.join(", ", o.binds().stream().map(Bind::systemId).toList()) + " ("
                + (e.plain() ? "plain: one 60-character UCS2 part" : e.parts() + " UCS2 parts, UDH, last part "
                + e.lastPartOctets() + " octets") + ", submit_sm window " + e.window() + ")");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Counters and CPU: this JVM's, over its life and from the first deliver_sm to the last PDU handled. */
    public String summary() {
        return counters.summary("netty ESME echo", "deliver_sm", "submit_sm");
    }

    @Override
    public void close() {
        List<SmppSession> all;
        synchronized (sessions) {
            all = List.copyOf(sessions);
        }
        for (SmppSession s : all) {
            try {
                s.unbind(1000);
            } catch (RuntimeException e) {
                // closing anyway
            }
            s.destroy();
        }
        client.destroy();
        replies.close();
        counters.stop();
        overflow.shutdownNow();
        monitor.shutdownNow();
        io.shutdownNow();
    }
}
