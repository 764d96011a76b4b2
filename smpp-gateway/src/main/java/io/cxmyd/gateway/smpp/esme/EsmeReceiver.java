package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Answer;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.MessageIntake;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.wire.GatheredWrites;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.PDUDecomposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the carrier's SMSC sends on a receiving bind, on jsmpp's PDU threads, through each bind's
 * {@link #on listener}. A subscriber's deliver_sm or data_sm goes to the same {@link MessageIntake} as a
 * submit_sm in server mode, and is answered ESME_ROK only when the intake has durably accepted it: a deliver_sm
 * from the intake's completion (no thread waits for the fsync, {@link DeliverSmResponses}), a data_sm (rare)
 * when jsmpp's thread returns from waiting for it. Otherwise the status
 * of its {@link Acceptance} goes back to the SMSC, which keeps the message and delivers it again, except that
 * a journal failure or a bug on our side is answered ESME_RX_T_APPN, as the contract says for ESME mode
 * ("while it cannot be" durably accepted), rather than ESME_RSYSERR, which some SMSCs take as final. A
 * delivery receipt is never a query: it is matched in the {@link ReceiptLedger}, counted, and acknowledged.
 */
final class EsmeReceiver {

    private static final Logger log = LoggerFactory.getLogger(EsmeReceiver.class);
    private static final byte[] EMPTY = new byte[0];
    private static final PDUDecomposer DECOMPOSER = DefaultDecomposer.getInstance();

    private final String carrierId;
    private volatile MessageIntake intake;
    private final ReceiptLedger ledger;
    private final EsmeEvents events;
    private final Clock clock;

    /** @param intake where subscribers' messages go; null until {@link #intake(MessageIntake)} (answers RX_T_APPN) */
    EsmeReceiver(String carrierId, MessageIntake intake, ReceiptLedger ledger, EsmeEvents events, Clock clock) {
        this.carrierId = carrierId;
        this.intake = intake;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    void intake(MessageIntake intake) {
        this.intake = intake;
    }

    /** The listener of one bind: its deliver_sm are answered through {@code responses}, that bind's sender. */
    MessageReceiverListener on(DeliverSmResponses responses) {
        return new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
                deliverSm(deliverSm, responses);
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                return dataSm(dataSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
                // The gateway never asks for alerts (no set_dpf): nothing to do.
            }
        };
    }

    /**
     * On jsmpp's PDU thread: a receipt or a refusal is answered by jsmpp when this returns (or throws). A
     * subscriber's message is handed to the intake and its response deferred: written when the accept is
     * decided (after the fsync), and the query's work starts only after that write, as in server mode.
     */
    void deliverSm(DeliverSm deliverSm, DeliverSmResponses responses) throws ProcessRequestException {
        SmppStatus now = handle(deliverSm, responses, true);
        if (now != null && now != SmppStatus.ESME_ROK) {
            throw new ProcessRequestException("deliver_sm not accepted", now.code());
        }
    }

    /** Whether {@link #takeDeliverSm} may be called on the session's reader thread: the intake never waits. */
    boolean takesOnReader() {
        MessageIntake target = intake;
        return target != null && target.offersWithoutWaiting();
    }

    /**
     * On the session's reader thread, a deliver_sm jsmpp never sees (no hand-off to its PDU threads, which
     * cost a wake-up per query: 15,000 a second in ESME mode, docs/performance.md): handled as
     * {@link #deliverSm}, and every response written here or from the accept's completion. False, with nothing
     * written, for a PDU that does not decode: jsmpp then answers it as it would.
     */
    boolean takeDeliverSm(byte[] pdu, DeliverSmResponses responses) {
        DeliverSm deliverSm;
        try {
            deliverSm = DECOMPOSER.deliverSm(pdu);
        } catch (PDUStringException | RuntimeException e) {
            return false;
        }
        SmppStatus now;
        try {
            now = handle(deliverSm, responses, false);
        } catch (RuntimeException e) {
            // A bug must not end the reader thread, and with it the bind; the SMSC delivers it again.
            log.warn("[{} esme] deliver_sm: handling failed, answering ESME_RX_T_APPN", carrierId, e);
            now = SmppStatus.ESME_RX_T_APPN;
        }
        if (now != null) {
            respond(responses, deliverSm.getSequenceNumber(), now);
        }
        return true;
    }

    /**
     * The status to answer at once (ESME_ROK for a receipt, a refusal), or null when the answer is written from
     * the accept's completion. {@code viaJsmpp}: jsmpp writes its own ESME_ROK when its listener returns, which
     * is then skipped ({@link DeliverSmResponses#defer}).
     */
    private SmppStatus handle(DeliverSm deliverSm, DeliverSmResponses responses, boolean viaJsmpp) {
        if (isReceipt(deliverSm.getEsmClass())) {
            receipt(deliverSm);
            return SmppStatus.ESME_ROK;
        }
        byte[] shortMessage = deliverSm.getShortMessage();
        byte[] payload = shortMessage != null && shortMessage.length > 0 ? shortMessage : messagePayload(deliverSm);
        InboundMessage message = message(deliverSm, payload, false);
        MessageIntake target = intake;
        if (target == null) {
            return status(Acceptance.NOT_TAKING);
        }
        Answer answer;
        try {
            answer = target.offerLater(message);
        } catch (RuntimeException e) {
            log.warn("[{} esme] deliver_sm from {}: intake failed, answering ESME_RX_T_APPN", carrierId,
                    message.source(), e);
            return status(Acceptance.INTERNAL_ERROR);
        }
        int sequence = deliverSm.getSequenceNumber();
        if (viaJsmpp) {
            responses.defer(sequence);
        }
        answer.acceptance().whenComplete((decided, error) -> {
            if (error != null) {
                log.warn("[{} esme] deliver_sm from {}: intake failed, answering ESME_RX_T_APPN", carrierId,
                        message.source(), error);
            }
            Acceptance acceptance = error != null || decided == null ? Acceptance.INTERNAL_ERROR : decided;
            log.debug("[{} esme] deliver_sm from {} to {}: {}", carrierId, message.source(), message.destination(),
                    acceptance);
            respond(responses, sequence, status(acceptance));
            if (acceptance.taken()) {
                // After the deliver_sm_resp is on the socket: the reply's submit_sm may leave on another bind.
                GatheredWrites.afterRelease(() -> {
                    try {
                        answer.afterTaken().run();
                    } catch (RuntimeException e) {
                        log.error("[{} esme] deliver_sm from {}: the work after the accept failed", carrierId,
                                message.source(), e);
                    }
                });
            }
        });
        return null;
    }

    private void respond(DeliverSmResponses responses, int sequence, SmppStatus status) {
        try {
            responses.respond(sequence, status);
        } catch (IOException | RuntimeException e) {
            // The SMSC will deliver it again; if it was taken it is journaled and answered all the same
            // (at-least-once, docs/reliability.md).
            log.debug("[{} esme] deliver_sm_resp not written: {}", carrierId, e.toString());
        }
    }

    DataSmResult dataSm(DataSm dataSm) throws ProcessRequestException {
        if (isReceipt(dataSm.getEsmClass())) {
            receipt(dataSm);
        } else {
            accept(message(dataSm, messagePayload(dataSm), true), "data_sm");
        }
        try {
            return new DataSmResult(new MessageId(String.format("%016x", ThreadLocalRandom.current().nextLong())),
                    new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new IllegalStateException("a 16-character message id is always valid", e);
        }
    }

    private void accept(InboundMessage message, String command) throws ProcessRequestException {
        MessageIntake target = intake;
        Acceptance acceptance;
        try {
            acceptance = target == null ? Acceptance.NOT_TAKING : target.offer(message);
        } catch (RuntimeException e) {
            log.warn("[{} esme] {} from {}: intake failed, answering ESME_RX_T_APPN", carrierId, command,
                    message.source(), e);
            acceptance = Acceptance.INTERNAL_ERROR;
        }
        log.debug("[{} esme] {} from {} to {}: {}", carrierId, command, message.source(), message.destination(),
                acceptance);
        if (status(acceptance) != SmppStatus.ESME_ROK) {
            throw refused(acceptance, command);
        }
    }

    private static ProcessRequestException refused(Acceptance acceptance, String command) {
        return new ProcessRequestException(command + " not accepted", status(acceptance).code());
    }

    /** The deliver_sm_resp status: the acceptance's own, but "try again later" for what will pass. */
    static SmppStatus status(Acceptance acceptance) {
        if (acceptance == null) {
            return SmppStatus.ESME_RX_T_APPN;
        }
        return switch (acceptance) {
            case JOURNAL_FAILED, INTERNAL_ERROR -> SmppStatus.ESME_RX_T_APPN;
            default -> acceptance.status();
        };
    }

    private void receipt(AbstractSmCommand sm) {
        String receiptedId = null;
        int messageState = -1;
        if (sm.getOptionalParameters() != null) {
            if (sm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)
                    instanceof OptionalParameter.COctetString id) {
                receiptedId = id.getValueAsString();
            }
            if (sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE) instanceof OptionalParameter.Byte b) {
                messageState = b.getValue() & 0xFF;
            }
        }
        byte[] text = sm instanceof DeliverSm d ? d.getShortMessage() : messagePayload(sm);
        Optional<DeliveryReceipt> receipt = DeliveryReceipt.parse(receiptedId, messageState, text);
        if (receipt.isEmpty()) {
            log.info("[{} esme] delivery receipt without a message id: acknowledged, not counted", carrierId);
            return;
        }
        DeliveryReceipt r = receipt.get();
        // Unmatched, it is held: its submit_sm_resp may still be on its way (with `pair`, on the other bind).
        boolean matched = ledger.receiptOrHold(r.messageId(), r.state()).isPresent();
        if (matched) {
            events.receipt(carrierId, r.state(), true);
        }
        for (int n = ledger.takeExpiredHolds(); n > 0; n--) {
            events.receipt(carrierId, ReceiptState.UNKNOWN, false);
        }
        log.debug("[{} esme] receipt for {}: {}{}", carrierId, r.messageId(), r.state().label(),
                matched ? "" : " (held: no such reply filed yet)");
    }

    /** esm_class bits 2-5 (mask 0x3C): an SMSC delivery receipt or an acknowledgement, never a subscriber's text. */
    static boolean isReceipt(byte esmClass) {
        return (esmClass & 0x3C) != 0;
    }

    private InboundMessage message(AbstractSmCommand sm, byte[] payload, boolean dataSm) {
        return new InboundMessage(
                carrierId,
                new SmppAddress(sm.getSourceAddrTon(), sm.getSourceAddrNpi(), nullToEmpty(sm.getSourceAddr())),
                new SmppAddress(sm.getDestAddrTon(), sm.getDestAddrNpi(), nullToEmpty(sm.getDestAddress())),
                sm.getEsmClass(),
                sm.getDataCoding(),
                payload,
                dataSm,
                clock.instant());
    }

    private static byte[] messagePayload(AbstractSmCommand sm) {
        if (sm.getOptionalParameters() == null) {
            return EMPTY;
        }
        OptionalParameter tlv = sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        return tlv instanceof OptionalParameter.OctetString octets ? octets.getValue() : EMPTY;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
