package io.cxmyd.gateway.smpp.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.jsmpp.GenericNackResponseException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.PDUException;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;

import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;

/**
 * A small SMPP client (ESME role, on jsmpp) for trying the gateway by hand and for end-to-end tests: binds as
 * a carrier's SMSC would, sends subscribers' messages, answers and reassembles the replies.
 *
 * <pre>
 * try (SmppClient client = SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", 2775, "cmcc", "cm-pass1"))) {
 *     client.submit("13800138000", "10086", "CXMYD");
 *     client.awaitReply(Duration.ofSeconds(5)).ifPresent(reply -&gt; System.out.println(reply.text()));
 * }
 * </pre>
 */
public final class SmppClient implements AutoCloseable {

    /** Which binds to open: one transceiver, or a transmitter plus a receiver (or either alone, for tests). */
    public enum BindMode {
        TRANSCEIVER, TRANSMITTER_AND_RECEIVER, TRANSMITTER, RECEIVER
    }

    /**
     * Where and how to bind.
     *
     * @param timeout for the bind and for every response
     */
    public record Options(String host, int port, String systemId, String password, BindMode mode, Duration timeout) {

        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(systemId, "systemId");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(timeout, "timeout");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: must be between 1 and 65535, was " + port);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
            }
        }

        public static Options transceiver(String host, int port, String systemId, String password) {
            return new Options(host, port, systemId, password, BindMode.TRANSCEIVER, Duration.ofSeconds(5));
        }

        public Options withMode(BindMode newMode) {
            return new Options(host, port, systemId, password, newMode, timeout);
        }

        public Options withTimeout(Duration newTimeout) {
            return new Options(host, port, systemId, password, mode, newTimeout);
        }
    }

    /** A submit_sm or data_sm with every field the gateway looks at. */
    public record Submission(SmppAddress source, SmppAddress destination, byte esmClass, byte dataCoding,
            byte[] shortMessage, byte[] messagePayload) {

        /** Text as a handset sends it: data_coding 0 when ASCII, else UCS2; message_payload past 254 octets. */
        public static Submission text(String from, String to, String text) {
            byte dataCoding = MessageText.dataCodingFor(text);
            byte[] bytes = MessageText.encode(text, dataCoding);
            boolean fits = bytes.length <= 254;
            return new Submission(SmppAddress.of(from), SmppAddress.of(to), (byte) 0, dataCoding,
                    fits ? bytes : new byte[0], fits ? null : bytes);
        }
    }

    private static final RegisteredDelivery NO_RECEIPT = new RegisteredDelivery(0);

    private final Options options;
    private final AcknowledgingSender acks = new AcknowledgingSender();
    private SMPPSession transmitter;
    private SMPPSession receiver;
    private final Reassembler reassembler = new Reassembler();
    private final List<ReceivedPart> parts = new ArrayList<>();
    private final List<ReceivedPart> receipts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BlockingQueue<ReceivedReply> replies = new LinkedBlockingQueue<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private volatile IntFunction<SmppStatus> answers = i -> SmppStatus.ESME_ROK;

    private SmppClient(Options options) {
        this.options = options;
    }

    /** Connects and binds; throws with the SMSC's status when it refuses the bind. */
    public static SmppClient bind(Options options) throws SmppClientException {
        SmppClient client = new SmppClient(options);
        client.connect();
        return client;
    }

    private void connect() throws SmppClientException {
        try {
            switch (options.mode()) {
                case TRANSCEIVER -> {
                    transmitter = open(BindType.BIND_TRX);
                    receiver = transmitter;
                }
                case TRANSMITTER -> transmitter = open(BindType.BIND_TX);
                case RECEIVER -> receiver = open(BindType.BIND_RX);
                case TRANSMITTER_AND_RECEIVER -> {
                    transmitter = open(BindType.BIND_TX);
                    receiver = open(BindType.BIND_RX);
                }
            }
        } catch (SmppClientException e) {
            if (transmitter != null) {
                transmitter.unbindAndClose();
            }
            throw e;
        }
    }

    private SMPPSession open(BindType type) throws SmppClientException {
        SMPPSession session = new SMPPSession(new SynchronizedPDUSender(acks), new DefaultPDUReader(),
                SocketConnectionFactory.getInstance());
        session.setTransactionTimer(options.timeout().toMillis());
        if (type != BindType.BIND_TX) {
            // Before the bind: the gateway sends the replies it still holds for this carrier as soon as the bind
            // is up, and jsmpp refuses (and logs as ERROR) a deliver_sm that finds no listener.
            session.setMessageReceiverListener(new Receiver());
        }
        try {
            session.connectAndBind(options.host(), options.port(), new BindParameter(type, options.systemId(),
                    options.password(), null, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                    options.timeout().toMillis());
            return session;
        } catch (IOException e) {
            session.close();
            SmppStatus status = e.getCause() instanceof NegativeResponseException negative
                    ? SmppStatus.of(negative.getCommandStatus()) : null;
            throw new SmppClientException(type + " to " + options.host() + ":" + options.port() + " failed", status,
                    e);
        }
    }

    /** Sends {@code text} from {@code from} to {@code to}; returns the submit_sm_resp status. */
    public SmppStatus submit(String from, String to, String text) throws SmppClientException {
        return submit(Submission.text(from, to, text));
    }

    /** Sends one submit_sm; returns the submit_sm_resp status (ESME_ROK or the refusal). */
    public SmppStatus submit(Submission s) throws SmppClientException {
        return submit(s, NO_RECEIPT);
    }

    /** submit_sm with registered_delivery 1: the SMSC is asked for a delivery receipt. */
    public SmppStatus submitWithReceipt(Submission s) throws SmppClientException {
        return submit(s, new RegisteredDelivery(1));
    }

    private SmppStatus submit(Submission s, RegisteredDelivery registeredDelivery) throws SmppClientException {
        SMPPSession session = requireTransmitter();
        try {
            session.submitShortMessage(null,
                    TypeOfNumber.valueOf(s.source().ton()), NumberingPlanIndicator.valueOf(s.source().npi()),
                    s.source().address(),
                    TypeOfNumber.valueOf(s.destination().ton()),
                    NumberingPlanIndicator.valueOf(s.destination().npi()), s.destination().address(),
                    new ESMClass(s.esmClass()), (byte) 0, (byte) 0, null, null, registeredDelivery, (byte) 0,
                    new RawDataCoding(s.dataCoding()), (byte) 0,
                    s.shortMessage() == null ? new byte[0] : s.shortMessage(), payloadTlv(s));
            return SmppStatus.ESME_ROK;
        } catch (NegativeResponseException e) {
            return SmppStatus.of(e.getCommandStatus());
        } catch (Exception e) {
            throw failure("submit_sm", e);
        }
    }

    /** Sends one data_sm; returns the data_sm_resp status. */
    public SmppStatus dataSm(Submission s) throws SmppClientException {
        SMPPSession session = requireTransmitter();
        try {
            session.dataShortMessage(null,
                    TypeOfNumber.valueOf(s.source().ton()), NumberingPlanIndicator.valueOf(s.source().npi()),
                    s.source().address(),
                    TypeOfNumber.valueOf(s.destination().ton()),
                    NumberingPlanIndicator.valueOf(s.destination().npi()), s.destination().address(),
                    new ESMClass(s.esmClass()), NO_RECEIPT, new RawDataCoding(s.dataCoding()), payloadTlv(s));
            return SmppStatus.ESME_ROK;
        } catch (NegativeResponseException e) {
            return SmppStatus.of(e.getCommandStatus());
        } catch (Exception e) {
            throw failure("data_sm", e);
        }
    }

    /**
     * How to answer the n-th deliver_sm (0-based, counting every one received). Default: always ESME_ROK. A
     * part answered with an error is dropped, as a real SMSC would (the gateway is expected to send it again).
     */
    public void answerDeliveries(IntFunction<SmppStatus> answer) {
        this.answers = Objects.requireNonNull(answer, "answer");
    }

    /** The next complete reply, waiting up to {@code timeout}. */
    public Optional<ReceivedReply> awaitReply(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Delivery receipts received (deliver_sm with esm_class 0x04), in arrival order. */
    public List<ReceivedPart> receipts() {
        return List.copyOf(receipts);
    }

    /** Every deliver_sm accepted so far, in arrival order. */
    public List<ReceivedPart> receivedParts() {
        synchronized (reassembler) {
            return List.copyOf(parts);
        }
    }

    /** How many deliver_sm arrived, accepted or not. */
    public int deliveriesReceived() {
        return deliveries.get();
    }

    /** Whether every bind of this client is still up. */
    public boolean isBound() {
        return (transmitter == null || transmitter.getSessionState().isBound())
                && (receiver == null || receiver.getSessionState().isBound());
    }

    /**
     * Waits (up to 2 s) until every deliver_sm accepted has its deliver_sm_resp on the wire, then unbinds
     * (waiting for unbind_resp) and closes: a reply handed out by {@link #awaitReply} is acknowledged.
     */
    @Override
    public void close() {
        try {
            if (receiver != null && receiver.getSessionState().isBound()) {
                // A lost link answers nothing more: waiting for it would only delay the close.
                acks.awaitAnswered(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (transmitter != null) {
            transmitter.unbindAndClose();
        }
        if (receiver != null && receiver != transmitter) {
            receiver.unbindAndClose();
        }
    }

    private SMPPSession requireTransmitter() {
        if (transmitter == null) {
            throw new IllegalStateException("bound as " + options.mode() + ": no transmitter");
        }
        return transmitter;
    }

    private static OptionalParameter[] payloadTlv(Submission s) {
        return s.messagePayload() == null ? new OptionalParameter[0]
                : new OptionalParameter[] {new OptionalParameter.Message_payload(s.messagePayload())};
    }

    private SmppClientException failure(String command, Exception e) {
        SmppStatus status = e instanceof GenericNackResponseException nack ? SmppStatus.of(nack.getCommandStatus())
                : null;
        String what = e instanceof ResponseTimeoutException ? "no response in time"
                : e instanceof InvalidResponseException ? "invalid response"
                : e instanceof PDUException ? "invalid field" : e.getClass().getSimpleName();
        return new SmppClientException(command + " failed (" + what + ")", status, e);
    }

    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            int index = deliveries.getAndIncrement();
            SmppStatus answer = answers.apply(index);
            if (answer != SmppStatus.ESME_ROK) {
                throw new ProcessRequestException("scripted answer", answer.code());
            }
            ReceivedPart part = part(deliverSm);
            if ((deliverSm.getEsmClass() & 0x3C) != 0) {
                // A delivery receipt (esm_class bits 2-5): kept apart, never part of a reply's text.
                acks.accepted();
                receipts.add(part);
                return;
            }
            Optional<ReceivedReply> reply;
            acks.accepted();
            synchronized (reassembler) {
                parts.add(part);
                reply = reassembler.add(part);
            }
            reply.ifPresent(replies::add);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // Not sent by the gateway.
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm towards the ESME is not supported",
                    SmppStatus.ESME_RINVCMDID.code());
        }
    }

    /** A deliver_sm (from the gateway) or submit_sm (to the simulated SMSC) as the part it carries. */
    static ReceivedPart part(MessageRequest sm) {
        OptionalParameter[] tlvs = sm.getOptionalParameters();
        ReceivedPart.Sar sar = null;
        byte[] payload = null;
        if (tlvs != null) {
            OptionalParameter ref = sm.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM);
            OptionalParameter total = sm.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS);
            OptionalParameter seq = sm.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM);
            if (ref instanceof OptionalParameter.Short r && total instanceof OptionalParameter.Byte t
                    && seq instanceof OptionalParameter.Byte q) {
                sar = new ReceivedPart.Sar(r.getValue() & 0xffff, t.getValue() & 0xff, q.getValue() & 0xff);
            }
            if (sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)
                    instanceof OptionalParameter.OctetString octets) {
                payload = octets.getValue();
            }
        }
        return new ReceivedPart(
                new SmppAddress(sm.getSourceAddrTon(), sm.getSourceAddrNpi(), nullToEmpty(sm.getSourceAddr())),
                new SmppAddress(sm.getDestAddrTon(), sm.getDestAddrNpi(), nullToEmpty(sm.getDestAddress())),
                sm.getEsmClass(), sm.getDataCoding(), sm.getRegisteredDelivery(),
                sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage(), sar, payload);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
