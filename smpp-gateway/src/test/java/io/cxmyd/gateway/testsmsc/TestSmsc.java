package io.cxmyd.gateway.testsmsc;

import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.ssl.SslConfiguration;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppProcessingException;
import io.cxmyd.gateway.smpp.client.PartCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * A carrier's SMSC for ESME-mode tests, on Cloudhopper's SMPP stack (not jsmpp, which the gateway uses): it
 * takes the gateway's binds, sends it subscribers' messages as deliver_sm, answers its submit_sm as told, and
 * keeps what it received, put together into whole replies. Only this package knows Cloudhopper.
 */
public final class TestSmsc implements AutoCloseable {

    /** One submit_sm as received; {@code status} -1 when it was left unanswered. */
    public record Submit(String source, String destination, byte esmClass, byte dataCoding,
                         byte registeredDelivery, byte[] shortMessage, int status, String messageId) {
    }

    /** A whole reply, its parts put together and decoded (UCS2, or Latin-1 for data_coding 0/3). */
    public record Reply(String destination, String text, int parts) {
    }

    private final String systemId;
    private final String password;
    private final DefaultSmppServer server;
    private final Map<Long, SmppServerSession> sessions = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger mostSessions = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Submit> submits = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    /** Replies {@link #awaitReplyTo} took from {@link #replies} while awaiting another subscriber's. */
    private final List<Reply> setAside = new ArrayList<>();
    private final Map<String, AtomicInteger> repliesTo = new ConcurrentHashMap<>();
    private final PartCollector collector = new PartCollector();
    private final List<Long> bindRequestNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseNextBinds = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(0x1000);
    private volatile int refuseBindsWith = SmppConstants.STATUS_ALYBND;
    private volatile IntSupplier submitStatus = () -> SmppConstants.STATUS_OK;
    private volatile boolean silent;
    private volatile long submitDelayMillis;
    private final ScheduledExecutorService late =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-smsc-late-responses");
                t.setDaemon(true);
                return t;
            });
    private volatile boolean decimalIds;

    private TestSmsc(int port, String systemId, String password, SslConfiguration tls) {
        this.systemId = systemId;
        this.password = password;
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setHost("127.0.0.1");
        c.setPort(port);
        c.setName("test-smsc");
        c.setMaxConnectionSize(50);
        c.setNonBlockingSocketsEnabled(true);
        c.setDefaultRequestExpiryTimeout(30_000);
        c.setDefaultWindowMonitorInterval(15_000);
        c.setDefaultWindowSize(100);
        c.setDefaultWindowWaitTimeout(30_000);
        c.setDefaultSessionCountersEnabled(false);
        c.setJmxEnabled(false);
        if (tls != null) {
            c.setUseSsl(true);
            c.setSslConfiguration(tls);
        }
        this.server = new DefaultSmppServer(c, new Handler());
    }

    /** Listens on 127.0.0.1:{@code port} for binds with these credentials. */
    public static TestSmsc start(int port, String systemId, String password) throws Exception {
        TestSmsc smsc = new TestSmsc(port, systemId, password, null);
        smsc.server.start();
        return smsc;
    }

    /**
     * The same over TLS 1.2 (as Cloudhopper's netty 3 stack speaks it), presenting the key in the PKCS12
     * {@code keyStore}.
     */
    public static TestSmsc startTls(int port, String systemId, String password, Path keyStore, String storePassword)
            throws Exception {
        SslConfiguration tls = new SslConfiguration();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStorePassword(storePassword);
        tls.setKeyManagerPassword(storePassword);
        tls.setKeyStoreType("PKCS12");
        tls.setIncludeProtocols("TLSv1.2");
        TestSmsc smsc = new TestSmsc(port, systemId, password, tls);
        smsc.server.start();
        return smsc;
    }

    /** The next {@code count} bind attempts are refused with {@code status} (e.g. 0x05 ESME_RALYBND). */
    public void refuseNextBinds(int count, int status) {
        refuseBindsWith = status;
        refuseNextBinds.set(count);
    }

    /** The command_status of each submit_sm_resp from now on (asked per submit_sm). */
    public void answerSubmitsWith(IntSupplier status) {
        this.submitStatus = status;
    }

    /**
     * Each submit_sm_resp from now on leaves {@code millis} after its submit_sm, from a timer: the SMSC keeps
     * reading meanwhile (a busy SMSC, not a stalled one).
     */
    public void answerSubmitsAfter(long millis) {
        this.submitDelayMillis = millis;
    }

    /** While true, submit_sm get no response at all (the gateway's response timer runs out). */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    /** Message ids in submit_sm_resp as decimal digits instead of hex. */
    public void decimalIds(boolean decimal) {
        this.decimalIds = decimal;
    }

    public int bindRequests() {
        return bindRequestNanos.size();
    }

    /** When each bind request arrived (System.nanoTime), in order. */
    public List<Long> bindRequestTimes() {
        return List.copyOf(bindRequestNanos);
    }

    /** The gateway's bind types, so that tests need not know Cloudhopper's. */
    public enum Bind {
        TRANSMITTER(SmppBindType.TRANSMITTER), RECEIVER(SmppBindType.RECEIVER), TRANSCEIVER(SmppBindType.TRANSCEIVER);

        private final SmppBindType type;

        Bind(SmppBindType type) {
            this.type = type;
        }
    }

    /** Bound sessions by type. */
    public long bound(Bind bind) {
        return sessions.values().stream().filter(s -> s.isBound() && s.getBindType() == bind.type).count();
    }

    /** The most sessions the SMSC had at once since it started (bound, or closing and not yet destroyed). */
    public int mostSessions() {
        return mostSessions.get();
    }

    public long boundSessions() {
        return sessions.values().stream().filter(SmppServerSession::isBound).count();
    }

    /** Every submit_sm received, in order, whatever it was answered. */
    public List<Submit> submits() {
        return List.copyOf(submits);
    }

    /** The next whole reply accepted (status 0), or null after {@code seconds}. */
    public Reply awaitReply(long seconds) throws InterruptedException {
        return replies.poll(seconds, TimeUnit.SECONDS);
    }

    /**
     * The next whole reply to {@code destination} not yet taken, or null after {@code seconds}. Replies to
     * others that arrive meanwhile are kept for their own await: replies to different subscribers may complete
     * in any order (their parts interleave on the binds), and a test awaiting them one by one must not lose one.
     */
    public Reply awaitReplyTo(String destination, long seconds) throws InterruptedException {
        synchronized (setAside) {
            for (Iterator<Reply> it = setAside.iterator(); it.hasNext(); ) {
                Reply r = it.next();
                if (r.destination().equals(destination)) {
                    it.remove();
                    return r;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Reply r = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                continue;
            }
            if (r.destination().equals(destination)) {
                return r;
            }
            synchronized (setAside) {
                setAside.add(r);
            }
        }
        return null;
    }

    /** How many whole replies each subscriber received. */
    public Map<String, Integer> repliesBySubscriber() {
        Map<String, Integer> out = new java.util.HashMap<>();
        repliesTo.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Closes every session's connection at once, as a link loss would. */
    public void dropAllSessions() {
        sessions.values().forEach(SmppServerSession::close);
    }

    /**
     * A subscriber's message as deliver_sm on a bound receiving session (receiver or transceiver).
     *
     * @return the command_status of deliver_sm_resp, or -1 when no receiving bind was up or no answer came
     */
    public int deliver(String from, String to, String text) throws Exception {
        DeliverSm dm = new DeliverSm();
        dm.setSourceAddress(new Address((byte) 1, (byte) 1, from));
        dm.setDestAddress(new Address((byte) 0, (byte) 1, to));
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(text);
        dm.setDataCoding(ascii ? (byte) 0 : (byte) 8);
        dm.setShortMessage(text.getBytes(ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE));
        return send(dm);
    }

    /**
     * A delivery receipt (esm_class 0x04) in the text form of SMPP 3.4 Appendix B, for {@code messageId}; its
     * {@code text:} field quotes the keyword, so a gateway that took it for a query would answer it.
     */
    public int deliverReceipt(String to, String messageId, String stat, boolean withTlvs) throws Exception {
        DeliverSm dm = new DeliverSm();
        dm.setSourceAddress(new Address((byte) 1, (byte) 1, to));
        dm.setDestAddress(new Address((byte) 0, (byte) 1, "10086"));
        dm.setEsmClass((byte) 0x04);
        dm.setShortMessage(("id:" + messageId + " sub:001 dlvrd:001 submit date:2611210930 done date:2611210931 stat:"
                + stat + " err:000 text:CXMYD").getBytes(StandardCharsets.US_ASCII));
        if (withTlvs) {
            dm.addOptionalParameter(new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID,
                    (messageId + "\0").getBytes(StandardCharsets.US_ASCII)));
            dm.addOptionalParameter(new Tlv(SmppConstants.TAG_MSG_STATE, new byte[] {2}));
        }
        return send(dm);
    }

    /**
     * A subscriber's text split in parts (UDH, IEI 0x00, 8-bit reference), one deliver_sm each, in order.
     *
     * @return the deliver_sm_resp statuses
     */
    public List<Integer> deliverInParts(String from, String to, int reference, String... parts) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            DeliverSm dm = new DeliverSm();
            dm.setSourceAddress(new Address((byte) 1, (byte) 1, from));
            dm.setDestAddress(new Address((byte) 0, (byte) 1, to));
            dm.setEsmClass((byte) 0x40);
            byte[] text = parts[i].getBytes(StandardCharsets.US_ASCII);
            byte[] body = new byte[6 + text.length];
            body[0] = 5; // UDH length
            body[1] = 0; // IEI: concatenated message, 8-bit reference
            body[2] = 3;
            body[3] = (byte) reference;
            body[4] = (byte) parts.length;
            body[5] = (byte) (i + 1);
            System.arraycopy(text, 0, body, 6, text.length);
            dm.setShortMessage(body);
            statuses.add(send(dm));
        }
        return statuses;
    }

    /** A subscriber's message as data_sm, the text (UCS2) in message_payload; the data_sm_resp status or -1. */
    public int deliverAsDataSm(String from, String to, String text) throws Exception {
        com.cloudhopper.smpp.pdu.DataSm dm = new com.cloudhopper.smpp.pdu.DataSm();
        dm.setSourceAddress(new Address((byte) 1, (byte) 1, from));
        dm.setDestAddress(new Address((byte) 0, (byte) 1, to));
        dm.setDataCoding((byte) 8);
        dm.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, text.getBytes(StandardCharsets.UTF_16BE)));
        return send(dm);
    }

    private int send(com.cloudhopper.smpp.pdu.BaseSm<?> dm) throws Exception {
        for (SmppServerSession s : sessions.values()) {
            if (s.isBound() && s.getBindType() != SmppBindType.TRANSMITTER) {
                WindowFuture<Integer, PduRequest, PduResponse> f = s.sendRequestPdu(dm, 30_000, true);
                if (!f.await(30_000) || !f.isSuccess()) {
                    return -1;
                }
                return f.getResponse().getCommandStatus();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        late.shutdownNow();
        sessions.values().forEach(SmppServerSession::destroy);
        server.destroy();
    }

    private PduResponse onSubmit(SubmitSm sm) {
        int status = submitStatus.getAsInt();
        long n = ids.incrementAndGet();
        String id = decimalIds ? Long.toString(n) : String.format("%08x", n);
        byte[] body = sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage();
        submits.add(new Submit(sm.getSourceAddress().getAddress(), sm.getDestAddress().getAddress(), sm.getEsmClass(),
                sm.getDataCoding(), sm.getRegisteredDelivery(), body, status, status == 0 ? id : null));
        if (status == SmppConstants.STATUS_OK) {
            collect(sm, body);
        }
        SubmitSmResp resp = sm.createResponse();
        resp.setCommandStatus(status);
        if (status == SmppConstants.STATUS_OK) {
            resp.setMessageId(id);
        }
        return resp;
    }

    private synchronized void collect(SubmitSm sm, byte[] body) {
        int[] sar = null;
        Tlv ref = sm.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM);
        Tlv total = sm.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS);
        Tlv seq = sm.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM);
        try {
            if (ref != null && total != null && seq != null) {
                sar = new int[] {ref.getValueAsUnsignedShort(), total.getValueAsUnsignedByte(),
                    seq.getValueAsUnsignedByte()};
            }
            Tlv payload = sm.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD);
            if (body.length == 0 && payload != null) {
                body = payload.getValue();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String to = sm.getDestAddress().getAddress();
        PartCollector.Complete c = collector.add(to, sm.getEsmClass(), sm.getDataCoding(), body, sar);
        if (c != null) {
            String text = c.dataCoding() == 8 ? new String(c.body(), StandardCharsets.UTF_16BE)
                    : new String(c.body(), StandardCharsets.ISO_8859_1);
            replies.add(new Reply(c.destination(), text, c.parts()));
            repliesTo.computeIfAbsent(c.destination(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private final class Handler implements SmppServerHandler {
        @Override
        public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bind)
                throws SmppProcessingException {
            bindRequestNanos.add(System.nanoTime());
            if (refuseNextBinds.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SmppProcessingException(refuseBindsWith, null);
            }
            if (!systemId.equals(config.getSystemId())) {
                throw new SmppProcessingException(SmppConstants.STATUS_INVSYSID, null);
            }
            if (!password.equals(config.getPassword())) {
                throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD, null);
            }
        }

        @Override
        public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp resp) {
            sessions.put(sessionId, session);
            mostSessions.accumulateAndGet(sessions.size(), Math::max);
            session.serverReady(new DefaultSmppSessionHandler() {
                @Override
                public PduResponse firePduRequestReceived(PduRequest request) {
                    if (request instanceof SubmitSm sm) {
                        if (silent) {
                            byte[] body = sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage();
                            submits.add(new Submit(sm.getSourceAddress().getAddress(),
                                    sm.getDestAddress().getAddress(), sm.getEsmClass(), sm.getDataCoding(),
                                    sm.getRegisteredDelivery(), body, -1, null));
                            return null;
                        }
                        PduResponse resp = onSubmit(sm);
                        long delay = submitDelayMillis;
                        if (delay > 0) {
                            late.schedule(() -> {
                                try {
                                    session.sendResponsePdu(resp);
                                } catch (Exception e) {
                                    // the session went away meanwhile: the gateway's own timer answers for it
                                }
                            }, delay, TimeUnit.MILLISECONDS);
                            return null;
                        }
                        return resp;
                    }
                    return request.createResponse();
                }
            });
        }

        @Override
        public void sessionDestroyed(Long sessionId, SmppServerSession session) {
            sessions.remove(sessionId);
            session.destroy();
        }
    }

    /** Messages ids the SMSC gave, in order, for the accepted submit_sm. */
    public List<String> acceptedIds() {
        List<String> out = new ArrayList<>();
        for (Submit s : submits) {
            if (s.messageId() != null) {
                out.add(s.messageId());
            }
        }
        return out;
    }
}
