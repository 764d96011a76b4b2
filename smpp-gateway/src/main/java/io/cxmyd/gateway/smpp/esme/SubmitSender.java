package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.GenericNackResponseException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reply part as submit_sm on one bound session, and what came of it, in the words of the delivery package
 * ({@link DeliveryResult}): the same outcomes as a deliver_sm in server mode, so the outbox's retries, the
 * carrier pause on ESME_RTHROTTLED / ESME_RMSGQFUL and the part order hold alike in both modes.
 */
final class SubmitSender {

    private static final Logger log = LoggerFactory.getLogger(SubmitSender.class);
    private static final RegisteredDelivery RECEIPT = new RegisteredDelivery(1);
    private static final RegisteredDelivery NO_RECEIPT = new RegisteredDelivery(0);

    private final Duration responseTimeout;
    private final boolean receipts;
    private final EsmeEvents events;

    SubmitSender(Duration responseTimeout, boolean receipts, EsmeEvents events) {
        this.responseTimeout = responseTimeout;
        this.receipts = receipts;
        this.events = events;
    }

    DeliveryResult submit(EsmeSession session, SMPPSession bound, OutboundPart part, ReceiptLedger ledger) {
        SmppAddress from = part.source();
        SmppAddress to = part.destination();
        String prefix = session.logPrefix();
        try {
            SubmitSmResult result = bound.submitShortMessage(
                    "",
                    TypeOfNumber.valueOf(from.ton()), NumberingPlanIndicator.valueOf(from.npi()), from.address(),
                    TypeOfNumber.valueOf(to.ton()), NumberingPlanIndicator.valueOf(to.npi()), to.address(),
                    new ESMClass(part.esmClass()),
                    (byte) 0,
                    (byte) 0,
                    null,
                    null,
                    receipts ? RECEIPT : NO_RECEIPT,
                    (byte) 0,
                    new RawDataCoding(part.dataCoding()),
                    (byte) 0,
                    part.shortMessage() == null ? new byte[0] : part.shortMessage(),
                    tlvs(part));
            session.answered();
            String id = result.getMessageId();
            if (receipts && id != null && !id.isBlank()) {
                // A receipt that overtook this response is counted now.
                ledger.sent(id, new ReceiptLedger.Sent(part.carrierId(), System.nanoTime()))
                        .ifPresent(state -> events.receipt(part.carrierId(), state, true));
            }
            log.debug("{} submit_sm to {} accepted as {}", prefix, to, id);
            return DeliveryResult.DELIVERED;
        } catch (NegativeResponseException e) {
            session.answered();
            log.debug("{} submit_sm to {} refused: 0x{}", prefix, to, Integer.toHexString(e.getCommandStatus()));
            return DeliveryResult.rejected(SmppStatus.of(e.getCommandStatus()));
        } catch (ResponseTimeoutException e) {
            log.info("{} submit_sm to {}: no submit_sm_resp within {}", prefix, to, responseTimeout);
            if (bound.getSessionState().isBound()) {
                session.unanswered(bound);
                return DeliveryResult.TIMEOUT;
            }
            return DeliveryResult.LINK_ERROR;
        } catch (GenericNackResponseException e) {
            session.answered();
            log.info("{} submit_sm to {} answered by generic_nack 0x{}", prefix, to,
                    Integer.toHexString(e.getCommandStatus()));
            return DeliveryResult.rejected(SmppStatus.of(e.getCommandStatus()));
        } catch (InvalidResponseException e) {
            log.warn("{} submit_sm to {}: invalid response: {}", prefix, to, e.getMessage());
            return DeliveryResult.rejected(SmppStatus.ESME_RUNKNOWNERR);
        } catch (PDUException e) {
            // The exception's message may quote a field's value (a phone number, the text): not logged.
            log.warn("{} submit_sm to {} not encodable: {}", prefix, to, e.getClass().getSimpleName());
            return DeliveryResult.rejected(SmppStatus.ESME_RUNKNOWNERR);
        } catch (IOException e) {
            log.info("{} submit_sm to {} not written: {}", prefix, to, e.getMessage());
            return DeliveryResult.LINK_ERROR;
        } catch (IllegalArgumentException e) {
            log.warn("{} submit_sm to {} not encodable: {}", prefix, to, e.getMessage());
            return DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR);
        }
    }

    private static OptionalParameter[] tlvs(OutboundPart part) {
        List<OptionalParameter> tlvs = new ArrayList<>(4);
        if (part.sar() != null) {
            tlvs.add(OptionalParameters.newSarMsgRefNum((short) part.sar().reference()));
            tlvs.add(OptionalParameters.newSarTotalSegments(part.sar().total()));
            tlvs.add(OptionalParameters.newSarSegmentSeqnum(part.sar().sequence()));
        }
        if (part.messagePayload() != null) {
            tlvs.add(new OptionalParameter.Message_payload(part.messagePayload()));
        }
        return tlvs.toArray(new OptionalParameter[0]);
    }
}
