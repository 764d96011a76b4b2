package io.cxmyd.gateway.smpp.client;

import io.cxmyd.gateway.message.SmppStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
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
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * One transceiver bind of the load tool, as a carrier's SMSC would open it. Not the project's
 * {@code SmppClient}: that one keeps every part it received (fine for a test, not for millions), stamps a
 * reply when it is taken from a queue rather than when its last part is read, and leaves Nagle on. Here the
 * socket has TCP_NODELAY, deliver_sm is answered ESME_ROK at once, and a complete reply goes to the
 * {@link Listener} with the time its last part was read.
 */
public final class LoadSession implements AutoCloseable {

    /** Called on the session's PDU threads: must be quick. */
    public interface Listener {
        void replied(PartCollector.Complete reply, long receivedNanos);
    }

    /** What one submit_sm ended with: a status, or a failure without one (timeout, broken link). */
    public record Outcome(SmppStatus status, String failure) {
        static final Outcome OK = new Outcome(SmppStatus.ESME_ROK, null);

        public boolean accepted() {
            return status == SmppStatus.ESME_ROK;
        }

        public String label() {
            return status != null ? status.name() : failure;
        }
    }

    private static final RegisteredDelivery NO_RECEIPT = new RegisteredDelivery(0);
    private static final ESMClass DEFAULT_ESM = new ESMClass(0);

    private final SMPPSession session;
    private final PartCollector collector;

    private LoadSession(SMPPSession session, PartCollector collector) {
        this.session = session;
        this.collector = collector;
    }

    /**
     * @param processors threads reading this bind's PDUs (submit_sm_resp and deliver_sm); jsmpp's default of
     *     3 with a queue of 100 answers ESME_RTHROTTLED to the gateway's deliver_sm under load
     */
    public static LoadSession bind(String host, int port, String systemId, String password, int processors,
            Duration timeout, Listener listener) throws IOException {
        return bind(host, port, systemId, password, processors, timeout, listener, new PartCollector());
    }

    /**
     * @param collector where this bind's reply parts are put together: shared by the binds of one carrier,
     *     whose parts of one reply may come on any of them
     */
    public static LoadSession bind(String host, int port, String systemId, String password, int processors,
            Duration timeout, Listener listener, PartCollector collector) throws IOException {
        SMPPSession session = new SMPPSession((h, p) -> {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(h, p), Math.toIntExact(timeout.toMillis()));
            return new SocketConnection(socket);
        });
        session.setPduProcessorDegree(processors);
        session.setQueueCapacity(10_000);
        session.setTransactionTimer(timeout.toMillis());
        LoadSession load = new LoadSession(session, collector);
        session.setMessageReceiverListener(load.new Receiver(listener));
        try {
            session.connectAndBind(host, port, new BindParameter(BindType.BIND_TRX, systemId, password, null,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), timeout.toMillis());
        } catch (IOException e) {
            session.close();
            throw e;
        }
        return load;
    }

    /** Sends one ASCII (data_coding 0) or UCS2 (8) text; blocks until submit_sm_resp. */
    public Outcome submit(String from, String to, byte dataCoding, byte[] text) {
        try {
            // TON 0 / NPI 1, as SmppAddress.of writes a subscriber's number.
            session.submitShortMessage(null, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, from,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, to, DEFAULT_ESM, (byte) 0, (byte) 0, null,
                    null, NO_RECEIPT, (byte) 0, new RawDataCoding(dataCoding), (byte) 0, text);
            return Outcome.OK;
        } catch (NegativeResponseException e) {
            return new Outcome(SmppStatus.of(e.getCommandStatus()), null);
        } catch (ResponseTimeoutException e) {
            return new Outcome(null, "no_response");
        } catch (Exception e) {
            return new Outcome(null, e.getClass().getSimpleName());
        }
    }

    public boolean isBound() {
        return session.getSessionState().isBound();
    }

    /** Replies with some parts in and the rest never arrived. */
    public int incompleteReplies() {
        synchronized (collector) {
            return collector.incomplete();
        }
    }

    @Override
    public void close() {
        session.unbindAndClose();
    }

    private final class Receiver implements MessageReceiverListener {

        private final Listener listener;

        Receiver(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onAcceptDeliverSm(DeliverSm sm) {
            long now = System.nanoTime();
            byte[] payload = sm.getShortMessage();
            int[] sar = null;
            if (sm.getOptionalParameters() != null) {
                if ((payload == null || payload.length == 0)
                        && sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)
                        instanceof OptionalParameter.OctetString octets) {
                    payload = octets.getValue();
                }
                if (sm.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM) instanceof OptionalParameter.Short r
                        && sm.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS)
                        instanceof OptionalParameter.Byte t
                        && sm.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM)
                        instanceof OptionalParameter.Byte q) {
                    sar = new int[] {r.getValue() & 0xffff, t.getValue() & 0xff, q.getValue() & 0xff};
                }
            }
            PartCollector.Complete reply;
            synchronized (collector) {
                reply = collector.add(sm.getDestAddress(), sm.getEsmClass(), sm.getDataCoding(),
                        payload == null ? new byte[0] : payload, sar);
            }
            if (reply != null) {
                listener.replied(reply, now);
            }
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
}
