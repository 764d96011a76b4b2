package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.MessageIntake;
import io.cxmyd.gateway.message.SmppStatus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Ticker;

import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.connection.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SMPP 3.4 server (SMSC role), on jsmpp. Carriers bind with their system_id and password as
 * transceiver, or as transmitter plus receiver, as many binds as they like; subscribers' submit_sm and
 * data_sm go to the {@link MessageIntake}; replies go out through {@link #links()}.
 *
 * <p>The accept loop is ours rather than jsmpp's {@code SMPPServerSessionListener}, which listens on every
 * interface, cannot set TCP_NODELAY, and builds each session with jsmpp's unbounded PDU reader.
 */
public final class SmppServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppServer.class);

    /** The system_id of the gateway in bind_resp. */
    static final String SYSTEM_ID = "cxmyd";


    private final SmppServerOptions options;
    private final BindGate gate;
    private final MessageIntake intake;
    private final Clock clock;
    private final ServerLinks serverLinks;
    private final BindRegistry registry;
    private final SessionCarrierLinks links;
    private final ReceiptSender receipts;
    private final ExecutorService bindWaiters;
    private final ScheduledExecutorService closer;
    private volatile ServerSocket serverSocket;
    private volatile ServerSocket tlsSocket;
    private final List<Thread> acceptors = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public SmppServer(SmppServerOptions options, List<CarrierAccount> carriers, MessageIntake intake,
            BindListener bindListener) {
        this(options, carriers, intake, ServerLinks.create(bindListener), Clock.systemUTC());
    }

    /**
     * @param links the carriers' binds this server fills, made first so that the outbox on them can be built
     *     before the query path this server feeds
     * @param clock stamps {@link InboundMessage#receivedAt()}
     */
    public SmppServer(SmppServerOptions options, List<CarrierAccount> carriers, MessageIntake intake,
            ServerLinks links, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serverLinks = Objects.requireNonNull(links, "links");
        this.registry = links.registry();
        this.links = links.sessions();
        this.receipts = new ReceiptSender(this.links);
        this.gate = new BindGate(new BindAuthenticator(List.copyOf(carriers)),
                new BindPacing(options.bindPacing(), Ticker.systemTicker()), registry);
        warnOpenCarriers(carriers);
        // One thread per connection waiting for its bind; idle ones go after 5 s rather than a cached pool's 60,
        // so the thread count is back to normal soon after a connection storm.
        this.bindWaiters = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("smpp-bind-"));
        this.closer = Executors.newSingleThreadScheduledExecutor(daemonThreads("smpp-closer-"));
    }

    /** Starts listening; returns once the port is bound. */
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("SMPP server already closed");
        }
        if (serverSocket != null) {
            throw new IllegalStateException("SMPP server already started");
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(options.host(), options.port()), 50);
        } catch (IOException e) {
            socket.close();
            throw new IOException("SMPP server cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        serverSocket = socket;
        if (options.tls().isPresent()) {
            SmppTlsOptions tls = options.tls().get();
            try {
                tlsSocket = TlsServerSockets.open(options.host(), tls);
            } catch (IOException e) {
                socket.close();
                throw new IOException("SMPP server cannot listen with TLS on " + options.host() + ":" + tls.port()
                        + ": " + e.getMessage(), e);
            }
            startAcceptor(tlsSocket, "smpp-tls-accept-");
            log.info("SMPP server listening with TLS ({}) on {}:{}", TlsServerSockets.PROTOCOLS, options.host(),
                    tlsSocket.getLocalPort());
        }
        startAcceptor(socket, "smpp-accept-");
        log.debug("SMPP server listening on {}:{}", options.host(), socket.getLocalPort());
    }

    private void startAcceptor(ServerSocket socket, String name) {
        Thread thread = new Thread(() -> acceptLoop(socket), name + socket.getLocalPort());
        thread.setDaemon(true);
        acceptors.add(thread);
        thread.start();
    }

    /** The TLS port listened on; -1 without TLS or before {@link #start()}. */
    public int tlsPort() {
        ServerSocket socket = tlsSocket;
        return socket == null ? -1 : socket.getLocalPort();
    }

    /** The port listened on (the chosen one when the options said 0); -1 before {@link #start()}. */
    public int port() {
        ServerSocket socket = serverSocket;
        return socket == null ? -1 : socket.getLocalPort();
    }

    /** Whether the server accepts connections. */
    public boolean isListening() {
        ServerSocket socket = serverSocket;
        return socket != null && !closed && !socket.isClosed();
    }

    /** Open connections, bound or not. */
    public int openConnections() {
        return registry.openBinds().size();
    }

    /** The binds up now, by carrier and then oldest first: a snapshot for the admin view. */
    public List<BindInfo> binds() {
        return serverLinks.binds();
    }

    /** The receiving side of the carriers' binds. */
    public ServerLinks links() {
        return serverLinks;
    }

    /** Stops accepting, unbinds every bound session (waiting up to the response timeout), closes the rest. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        receipts.close();
        for (ServerSocket socket : new ServerSocket[] {serverSocket, tlsSocket}) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    log.debug("closing an SMPP listening socket: {}", e.getMessage());
                }
            }
        }
        Set<ServerBind> binds = registry.openBinds();
        List<Thread> closers = new ArrayList<>(binds.size());
        for (ServerBind bind : binds) {
            Thread closer = new Thread(() -> closeSession(bind), "smpp-close");
            closer.setDaemon(true);
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            joinQuietly(closer);
        }
        bindWaiters.shutdownNow();
        closer.shutdownNow();
        for (Thread thread : acceptors) {
            joinQuietly(thread);
        }
        log.info("SMPP server stopped");
    }

    private void closeSession(ServerBind bind) {
        SMPPServerSession session = bind.session();
        if (session == null) {
            // Accepted an instant ago and not set up yet: its accept thread sees the stop and closes it.
            return;
        }
        if (bind.isBound()) {
            session.unbindAndClose();
        } else {
            session.close();
        }
    }

    /** A carrier any address may bind as: its password is all that stands between a stranger and its link. */
    private static void warnOpenCarriers(List<CarrierAccount> carriers) {
        for (CarrierAccount c : carriers) {
            if (c.allowFrom().isEmpty()) {
                log.warn("[smpp] carrier {} has no allowFrom: any address may try binds as {} (guesses are only "
                        + "slowed); list its SMSC addresses (docs/smpp.md, \"Bind security\")", c.id(), c.systemId());
            }
        }
    }

    private void acceptLoop(ServerSocket socket) {
        AcceptBackoff backoff = new AcceptBackoff(System::nanoTime, java.time.Duration.ofSeconds(10));
        while (!closed) {
            Socket accepted;
            try {
                accepted = socket.accept();
                backoff.succeeded();
            } catch (SocketException e) {
                if (!closed) {
                    log.error("SMPP accept loop ended: {}", e.getMessage());
                }
                return;
            } catch (IOException e) {
                // "Too many open files": accepting again at once fails again at once.
                AcceptBackoff.Step step = backoff.failed();
                if (step.failuresToLog() > 0) {
                    log.warn("SMPP accept failed ({} time(s) since the last such line; pausing up to {}): {}",
                            step.failuresToLog(), AcceptBackoff.MAX_PAUSE, e.getMessage());
                }
                pause(step.pause());
                continue;
            }
            try {
                open(accepted);
            } catch (IOException | RuntimeException e) {
                log.warn("SMPP connection from {} dropped: {}", accepted.getRemoteSocketAddress(), e.toString());
                closeQuietly(accepted);
            }
        }
    }

    private void open(Socket socket) throws IOException {
        String remote = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        ServerBind bind = new ServerBind(registry, socket.getInetAddress(), remote, this::closeAfterGrace);
        String refused = closed ? "server closing" : registry.open(bind, options.maxConnections(),
                options.maxUnboundPerAddress(), options.reservedForAllowLists(), gate.allowListed(bind.remoteAddress()));
        if (refused != null) {
            log.warn("[smpp {}] refused: {}", remote, refused);
            closeQuietly(socket);
            return;
        }
        try {
            // Replies are single small PDUs: Nagle would hold each one back waiting for the peer's ACK.
            socket.setTcpNoDelay(true);
            // Writes gathered: a journal commit's responses, the parts a reader sends from the responses it
            // found buffered, leave in one socket write (docs/performance.md, sixth run).
            Connection connection = new GatheringConnection(socket);
            // Responses to submit_sm/data_sm are written when the durable accept completes, not when jsmpp's
            // listener returns (DeferredResponses); a query's reply and receipt start only after that write.
            DeferredResponses sender = new DeferredResponses(new DefaultPDUSender(), connection.getOutputStream());
            // An SSLSocket from the TLS listener goes the same way: its handshake runs on the first read, on the
            // session's reader thread, so a peer that never completes it costs no accept-loop time and is closed
            // by the bind timeout like any silent peer.
            BindDeliveries deliveries = new BindDeliveries(sender, connection.getOutputStream(),
                    options.responseTimeout());
            GuardedPduReader reader = new GuardedPduReader(options.maxPduLength(), options.pduReadTimeout(),
                    System::nanoTime, bind::phase, sender, connection.getOutputStream(), bind::logPrefix)
                    .withReadTimeout(socket)
                    .withResponses(deliveries::answered);
            SMPPServerSession session = new SMPPServerSession(connection, null, null, null,
                    options.pduProcessorThreads(), options.pduQueueCapacity(), sender, reader);
            bind.attach(session, deliveries);
            session.addSessionStateListener(bind);
            InboundDispatcher dispatcher = new InboundDispatcher(bind, intake, clock, receipts, sender);
            session.setMessageReceiverListener(dispatcher);
            // A bound bind's submit_sm are taken on the reader thread (no hand-off to jsmpp's PDU threads).
            reader.withRequests((commandId, status, sequence, pdu) -> dispatcher.takeSubmitSm(commandId, sequence,
                    pdu));
            session.setEnquireLinkTimer(Math.toIntExact(options.enquireLinkInterval().toMillis()));
            session.setTransactionTimer(options.responseTimeout().toMillis());
            log.debug("{} connected", bind.logPrefix());
            if (closed) {
                // The stop began while this connection was set up: its closers may have passed it by.
                session.close();
                registry.closed(bind);
                return;
            }
            bindWaiters.execute(() -> awaitBind(bind));
        } catch (IOException | RuntimeException e) {
            registry.closed(bind);
            throw e;
        }
    }

    private void awaitBind(ServerBind bind) {
        SMPPServerSession session = bind.session();
        BindRequest request;
        try {
            request = session.waitForBind(options.bindTimeout().toMillis());
        } catch (TimeoutException e) {
            log.info("{} no bind within {}; closed", bind.logPrefix(), options.bindTimeout());
            return;
        } catch (IllegalStateException e) {
            log.info("{} closed before its bind: {}", bind.logPrefix(), e.getMessage());
            session.close();
            return;
        }
        java.time.Duration delay = gate.delay(bind, request.getSystemId());
        if (!delay.isZero()) {
            // Earlier refusals from this place: the right password waits as long as a wrong one.
            log.info("{} bind as {} waits {} ms after earlier refusals from this address", bind.logPrefix(),
                    printable(request.getSystemId()), delay.toMillis());
            registry.slowed(delay);
            pause(delay);
        }
        BindAuthenticator.Decision decision = gate.decide(bind, request.getSystemId(), request.getPassword());
        if (!decision.accepted()) {
            // The system_id is the peer's claim, not a secret; the password is never logged.
            log.warn("{} bind as {} refused: {}", bind.logPrefix(), printable(request.getSystemId()),
                    decision.reason());
            registry.refused(decision.reason());
            reject(bind, request, decision.status());
            return;
        }
        bind.identify(decision.carrier().id(), bindType(request.getBindType()));
        try {
            request.accept(SYSTEM_ID, InterfaceVersion.IF_34);
        } catch (PDUStringException | IOException e) {
            log.warn("{} bind_resp not sent: {}", bind.logPrefix(), e.getMessage());
            session.close();
            return;
        }
        bind.bound(clock.instant());
    }

    private void reject(ServerBind bind, BindRequest request, SmppStatus status) {
        try {
            request.reject(status.code());
        } catch (IOException e) {
            log.debug("{} bind refusal not sent: {}", bind.logPrefix(), e.getMessage());
        }
        // jsmpp takes one bind per connection, so a refused peer reconnects to try again. Closing at once
        // could make the peer see the end of the stream before it has read the refusal.
        closeAfterGrace(bind);
    }

    /** A system_id for a log line: a hostile peer may send control characters or 16 octets of anything. */
    private static String printable(String systemId) {
        if (systemId == null) {
            return "(none)";
        }
        return systemId.codePoints().limit(16)
                .collect(StringBuilder::new, (b, c) -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'),
                        StringBuilder::append)
                .toString();
    }

    /**
     * Closes the connection after the response timeout: the peer that was just refused or unbound is the
     * one expected to hang up, and this is the limit on how long it may take.
     */
    private void closeAfterGrace(ServerBind bind) {
        try {
            closer.schedule(() -> bind.session().close(), options.responseTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            bind.session().close(); // the server is closing
        }
    }

    private static BindType bindType(org.jsmpp.bean.BindType type) {
        return switch (type) {
            case BIND_TX -> BindType.TRANSMITTER;
            case BIND_RX -> BindType.RECEIVER;
            case BIND_TRX -> BindType.TRANSCEIVER;
        };
    }

    private static void pause(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing a refused socket: {}", e.getMessage());
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
