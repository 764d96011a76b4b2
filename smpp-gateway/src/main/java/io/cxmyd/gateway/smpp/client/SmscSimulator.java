package io.cxmyd.gateway.smpp.client;

import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;

/**
 * A carrier's SMSC, small enough for trying ESME mode by hand and for the load tool: it listens on one address,
 * takes the gateway's binds with one account (transceiver, or transmitter plus receiver), hands it subscribers'
 * messages as deliver_sm, and puts the gateway's submit_sm back together into whole replies. Every submit_sm
 * is answered ESME_ROK at once. The listener is set before the bind is accepted, so nothing the gateway sends
 * right after its bind is missed.
 */
public final class SmscSimulator implements AutoCloseable {

    private final String systemId;
    private final String password;
    private final ServerSocket socket;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> receivers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ReceivedReply> replies = new LinkedBlockingQueue<>();
    /** Replies whose last part's submit_sm_resp is not written yet, by that part's message id. */
    private final Map<String, ReceivedReply> completing = new ConcurrentHashMap<>();
    private final Reassembler reassembler = new Reassembler();
    private final Thread acceptor;
    private final SubmitListener submits;
    private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    /** Called for every submit_sm part the gateway sends (on jsmpp's PDU threads): the load tool counts them. */
    public interface SubmitListener {
        void part(String destination, byte esmClass, byte dataCoding, byte[] payload, int[] sar);
    }

    private SmscSimulator(ServerSocket socket, String systemId, String password, SubmitListener submits) {
        this.socket = socket;
        this.systemId = systemId;
        this.password = password;
        this.submits = submits;
        this.acceptor = new Thread(this::acceptLoop, "smsc-accept");
        this.acceptor.setDaemon(true);
    }

    /** Listens on {@code host:port} (0: any free port) for the gateway's binds as {@code systemId}/{@code password}. */
    public static SmscSimulator listen(String host, int port, String systemId, String password) throws IOException {
        return listen(host, port, systemId, password, null);
    }

    /** The same; with {@code submits}, parts go to it instead of being put together into replies. */
    public static SmscSimulator listen(String host, int port, String systemId, String password,
            SubmitListener submits) throws IOException {
        ServerSocket s = new ServerSocket(port, 50, InetAddress.getByName(host));
        SmscSimulator smsc = new SmscSimulator(s, systemId, password, submits);
        smsc.acceptor.start();
        return smsc;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Waits until a bind that can take deliver_sm is up (the gateway's transceiver, or its receiver). */
    public boolean awaitReceiver(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (receiver() == null) {
            if (System.nanoTime() > deadline || closed) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** One subscriber's text as deliver_sm to the gateway (GSM/ASCII as data_coding 0, else UCS2). */
    public SmppStatus deliver(String from, String to, String text) throws SmppClientException {
        byte coding = MessageText.dataCodingFor(text);
        return deliver(from, to, coding, MessageText.encode(text, coding));
    }

    /** One deliver_sm with this data_coding and short_message; blocks until deliver_sm_resp. */
    public SmppStatus deliver(String from, String to, byte dataCoding, byte[] shortMessage)
            throws SmppClientException {
        SMPPServerSession s = receiver();
        if (s == null) {
            throw new SmppClientException("no receiving bind of the gateway is up", null, null);
        }
        try {
            s.deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, from,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), new RawDataCoding(dataCoding), shortMessage);
            return SmppStatus.ESME_ROK;
        } catch (NegativeResponseException e) {
            return SmppStatus.of(e.getCommandStatus());
        } catch (ResponseTimeoutException e) {
            throw new SmppClientException("deliver_sm failed (no response in time)", null, e);
        } catch (PDUException | IOException | org.jsmpp.InvalidResponseException e) {
            throw new SmppClientException("deliver_sm failed (" + e.getClass().getSimpleName() + ")", null, e);
        }
    }

    /** The next whole reply to {@code subscriber}; replies to others are skipped. */
    public Optional<ReceivedReply> awaitReplyTo(String subscriber, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            ReceivedReply r = replies.poll(left, TimeUnit.NANOSECONDS);
            if (r != null && r.destination().address().equals(subscriber)) {
                return Optional.of(r);
            }
        }
    }

    private SMPPServerSession receiver() {
        int n = receivers.size();
        int start = n == 0 ? 0 : Math.floorMod(turn.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            SMPPServerSession s = receivers.get((start + i) % n);
            if (s.getSessionState().isBound()) {
                return s;
            }
        }
        return null;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket accepted;
            try {
                accepted = socket.accept();
                accepted.setTcpNoDelay(true);
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> open(accepted), "smsc-bind");
            t.setDaemon(true);
            t.start();
        }
    }

    private void open(Socket accepted) {
        try {
            SocketConnection connection = new SocketConnection(accepted);
            SMPPServerSession session = new SMPPServerSession(connection, null, null, null, 8, 1000,
                    new SynchronizedPDUSender(new DefaultPDUSender()), new DefaultPDUReader());
            session.setMessageReceiverListener(new Listener());
            // A reply counts once the gateway has been told its last part was taken: a caller that stops as
            // soon as it has the reply must not leave the gateway without a submit_sm_resp (it would resend).
            session.setResponseDeliveryListener(new ServerResponseDeliveryAdapter() {
                @Override
                public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
                    ReceivedReply r = completing.remove(result.getMessageId());
                    if (r != null) {
                        replies.add(r);
                    }
                }
            });
            BindRequest request = session.waitForBind(30_000);
            if (!systemId.equals(request.getSystemId())) {
                request.reject(SmppStatus.ESME_RINVSYSID.code());
                return;
            }
            if (!password.equals(request.getPassword())) {
                request.reject(SmppStatus.ESME_RINVPASWD.code());
                return;
            }
            request.accept("smsc-sim", InterfaceVersion.IF_34);
            sessions.add(session);
            if (request.getBindType() != org.jsmpp.bean.BindType.BIND_TX) {
                receivers.add(session);
            }
        } catch (Exception e) {
            try {
                accepted.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (SMPPServerSession s : sessions) {
            if (s.getSessionState().isBound()) {
                s.unbindAndClose();
            } else {
                s.close();
            }
        }
    }

    private final class Listener implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            ReceivedPart part = SmppClient.part(sm);
            MessageId id = id();
            if (submits != null) {
                submits.part(part.destination().address(), part.esmClass(), part.dataCoding(), part.payload(),
                        part.sar() == null ? null
                                : new int[] {part.sar().reference(), part.sar().total(), part.sar().sequence()});
            } else {
                Optional<ReceivedReply> reply;
                synchronized (reassembler) {
                    reply = reassembler.add(part);
                }
                reply.ifPresent(r -> completing.put(id.getValue(), r));
            }
            return new SubmitSmResult(id, new OptionalParameter[0]);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported here", SmppStatus.ESME_RINVCMDID.code());
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti s, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SmppStatus.ESME_RINVCMDID.code());
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SmppStatus.ESME_RINVCMDID.code());
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SmppStatus.ESME_RINVCMDID.code());
        }

        @Override
        public void onAcceptCancelSm(CancelSm c, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SmppStatus.ESME_RINVCMDID.code());
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SmppStatus.ESME_RINVCMDID.code());
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SmppStatus.ESME_RINVCMDID.code());
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SmppStatus.ESME_RINVCMDID.code());
        }
    }

    private static MessageId id() {
        try {
            return new MessageId(String.format("%016x", ThreadLocalRandom.current().nextLong()));
        } catch (PDUStringException e) {
            throw new IllegalStateException("a 16-character message id is always valid", e);
        }
    }
}
