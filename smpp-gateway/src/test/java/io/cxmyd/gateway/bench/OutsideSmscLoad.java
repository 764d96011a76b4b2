package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.type.SmppProcessingException;
import io.cxmyd.gateway.bench.OutsideLoad.Bind;
import io.cxmyd.gateway.bench.OutsideLoad.Options;
import io.cxmyd.gateway.bench.OutsideLoad.Result;
import io.cxmyd.gateway.config.Durations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link OutsideLoad}'s measurement in ESME mode (issue 14): the tool plays the carriers' SMSC with Cloudhopper's
 * {@link DefaultSmppServer} (netty) on {@code --listen HOST:PORT}; the gateway (a carrier entry with
 * {@code smsc:} pointing there), or {@link NettyEsmeEcho}, binds to it as a transceiver with the system_id and
 * password of one of {@code --bind} (other credentials are refused: {@code ESME_RINVSYSID},
 * {@code ESME_RINVPASWD}; other bind types {@code ESME_RBINDFAIL}). Once {@code --sessions} binds are up
 * (within {@code --bind-wait}, 60 s), it sends {@code CXMYD} as {@code deliver_sm} on each of them: from a
 * subscriber (TON 1 NPI 1) to the service number of that bind's carrier (TON 0 NPI 1), {@code data_coding} 0,
 * {@code esm_class} 0; the replies come back as {@code submit_sm}, each answered {@code submit_sm_resp} ROK with a
 * message id at once, and a query is complete when every part of its reply has come to its subscriber, on any
 * session. Pace, numbers, part counting and the figures are {@link OutsideRun}'s, as for {@link OutsideLoad}:
 * {@code --window W} queries outstanding per bound session from {@code deliver_sm} to the last {@code submit_sm}
 * part (the session's Cloudhopper window for {@code deliver_sm} has the same size), sent with the asynchronous
 * {@code sendRequestPdu(..., false)}; or {@code --rate N}. The latency is {@code deliver_sm} → last part, the
 * "resp" figures are {@code deliver_sm_resp}'s (the gateway answers once the query is journaled).
 *
 * <pre>java -cp &lt;test classpath&gt; io.cxmyd.gateway.bench.OutsideSmscLoad --listen 127.0.0.1:2776
 *     [--bind cmcc:cm-pass1:10086,cucc:cu-pass1:10010] [--sessions 2] [--bind-wait 60s] [--window 64] [--rate N]
 *     [--warmup 5s] [--duration 20s] [--drain 10s] [--numbers-from FILE | --numbers-range FIRST-LAST]
 *     [--numbers-limit 20000] [--server-pid PID] [--label NAME]</pre>
 * It prints {@code OutsideSmscLoad listening on HOST:PORT} when it takes binds, then the report and the
 * {@code RESULT} line of {@link OutsideLoad} ({@code --server-pid}: the gateway's or the echo's pid). Binds
 * beyond the first {@code --sessions} are kept (their replies count) but carry no queries. Exit status 1 when a
 * reply is missing or incomplete, 3 when the binds did not come.
 */
public final class OutsideSmscLoad implements AutoCloseable {

    private final Options options;
    private final OutsideNumbers numbers;
    private final OutsideRun run;
    private final DefaultSmppServer server;
    private final ExecutorService io = Executors.newCachedThreadPool(NettyEcho.daemon("smsc-netty"));
    private final ScheduledExecutorService monitor =
            Executors.newSingleThreadScheduledExecutor(NettyEcho.daemon("smsc-monitor"));
    /** The bound sessions in the order they came, with their carriers; guarded by itself. */
    private final List<OutsideRun.Link> bound = new ArrayList<>();

    private OutsideSmscLoad(Options options, OutsideNumbers numbers) {
        this.options = options;
        this.numbers = numbers;
        this.run = new OutsideRun(options, numbers, true);
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setHost(options.host());
        c.setPort(options.port());
        c.setName("outside-smsc");
        c.setSystemId("smsc");
        c.setMaxConnectionSize(64);
        c.setNonBlockingSocketsEnabled(true);
        c.setReuseAddress(true);
        c.setDefaultRequestExpiryTimeout(OutsideRun.EXPIRY_MS);
        c.setDefaultWindowMonitorInterval(5_000);
        c.setDefaultWindowSize(options.window()); // deliver_sm outstanding: never more than the load's window
        c.setDefaultWindowWaitTimeout(OutsideRun.EXPIRY_MS);
        c.setDefaultSessionCountersEnabled(false);
        c.setJmxEnabled(false);
        this.server = new DefaultSmppServer(c, new Binds(), io, monitor);
    }

    /** Starts taking binds on {@code options}' address ({@code port} 0: a free one, see {@link #port()}). */
    public static OutsideSmscLoad listen(Options options) throws Exception {
        Options o = options.port() == 0 ? options.withPort(NettyEcho.freePort()) : options;
        OutsideSmscLoad smsc = new OutsideSmscLoad(o, OutsideNumbers.of(o));
        smsc.server.start();
        return smsc;
    }

    public int port() {
        return options.port();
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args, true);
        } catch (IllegalArgumentException e) {
            System.err.println("OutsideSmscLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try (OutsideSmscLoad smsc = listen(o)) {
            System.out.println("OutsideSmscLoad listening on " + o.host() + ":" + smsc.port());
            System.out.flush();
            Result r = smsc.run();
            System.out.print(r.report());
            status = OutsideLoad.exitStatus(r);
        } catch (IOException e) {
            System.err.println("OutsideSmscLoad: " + e.getMessage());
            status = 3;
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * Waits for {@code --sessions} binds (at most {@code --bind-wait}), then runs the warm-up and the measured
     * window on them and drains; IOException when too few binds came.
     */
    public Result run() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + options.bindWait().toNanos();
        List<OutsideRun.Link> links;
        synchronized (bound) {
            while (bound.size() < options.sessions()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("only " + bound.size() + " of " + options.sessions() + " binds within "
                            + Durations.format(options.bindWait()));
                }
                bound.wait(Math.max(1, left / 1_000_000));
            }
            links = List.copyOf(bound.subList(0, options.sessions()));
        }
        System.out.printf("== outside SMSC load '%s' on %s:%d: %d bound sessions (%s), %s, %d numbers, warm-up %s,"
                        + " measured %s ==%n", options.label(), options.host(), options.port(), links.size(),
                String.join(", ", links.stream().map(l -> l.bind().systemId()).toList()),
                options.rate() > 0 ? options.rate() + " queries/s" : "window " + options.window(),
                numbers.size(), Durations.format(options.warmup()),
                Durations.format(options.duration()));
        return run.run(links);
    }

    /** Unbinds every session (the gateway then tries to bind again, and fails once the server is gone). */
    @Override
    public void close() {
        List<OutsideRun.Link> links;
        synchronized (bound) {
            links = List.copyOf(bound);
        }
        for (OutsideRun.Link l : links) {
            try {
                l.session().unbind(1000);
            } catch (RuntimeException e) {
                // closing anyway
            }
            l.session().destroy();
        }
        server.destroy();
        monitor.shutdownNow();
        io.shutdownNow();
    }

    private Bind account(String systemId) {
        return options.binds().stream().filter(b -> b.systemId().equals(systemId)).findFirst().orElse(null);
    }

    private final class Binds implements SmppServerHandler {
        @Override
        public void sessionBindRequested(Long id, SmppSessionConfiguration config, BaseBind bind)
                throws SmppProcessingException {
            Bind account = account(config.getSystemId());
            if (account == null) {
                throw new SmppProcessingException(SmppConstants.STATUS_INVSYSID);
            }
            if (!account.password().equals(config.getPassword())) {
                throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD);
            }
            if (config.getType() != SmppBindType.TRANSCEIVER) {
                throw new SmppProcessingException(SmppConstants.STATUS_BINDFAIL); // queries and replies on one bind
            }
            config.setLoggingOptions(OutsideLoad.quietLogging());
            config.setCountersEnabled(false);
        }

        @Override
        public void sessionCreated(Long id, SmppServerSession session, BaseBindResp resp) {
            NettyEcho.noDelay(session);
            session.serverReady(run.handler());
            synchronized (bound) {
                bound.add(new OutsideRun.Link(session, account(session.getConfiguration().getSystemId())));
                bound.notifyAll();
            }
        }

        @Override
        public void sessionDestroyed(Long id, SmppServerSession session) {
            synchronized (bound) {
                bound.removeIf(l -> l.session() == session);
            }
            session.destroy();
        }
    }
}
