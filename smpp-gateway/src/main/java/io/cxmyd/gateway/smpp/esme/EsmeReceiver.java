package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.MessageIntake;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
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
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the carrier's SMSC sends on a receiving bind, on jsmpp's PDU threads (which write the response when a
 * method returns). A subscriber's deliver_sm or data_sm goes to the same {@link MessageIntake} as a submit_sm
 * in server mode, and is answered ESME_ROK only when the intake has durably accepted it; otherwise the status
 * of its {@link Acceptance} goes back to the SMSC, which keeps the message and delivers it again, except that
 * a journal failure or a bug on our side is answered ESME_RX_T_APPN, as the contract says for ESME mode
 * ("while it cannot be" durably accepted), rather than ESME_RSYSERR, which some SMSCs take as final. A
 * delivery receipt is never a query: it is matched in the {@link ReceiptLedger}, counted, and acknowledged.
 */
final class EsmeReceiver implements MessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(EsmeReceiver.class);
    private static final byte[] EMPTY = new byte[0];

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

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (isReceipt(deliverSm.getEsmClass())) {
            receipt(deliverSm);
            return;
        }
        byte[] shortMessage = deliverSm.getShortMessage();
        byte[] payload = shortMessage != null && shortMessage.length > 0 ? shortMessage : messagePayload(deliverSm);
        accept(message(deliverSm, payload, false), "deliver_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
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

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // The gateway never asks for alerts (no set_dpf): nothing to do.
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
        SmppStatus status = status(acceptance);
        log.debug("[{} esme] {} from {} to {}: {}", carrierId, command, message.source(), message.destination(),
                acceptance);
        if (status != SmppStatus.ESME_ROK) {
            throw new ProcessRequestException(command + " not accepted", status.code());
        }
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
        boolean matched = ledger.receipt(r.messageId(), r.state()).isPresent();
        if (matched) {
            events.receipt(carrierId, r.state(), true);
        } else {
            ledger.hold(r.messageId(), r.state()); // its submit_sm_resp may still be on its way
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
