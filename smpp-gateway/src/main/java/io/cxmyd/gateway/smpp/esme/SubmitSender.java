package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.PipelinedRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
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
    private static final int HEADER = 16;

    private final Duration responseTimeout;
    private final boolean receipts;
    private final EsmeEvents events;

    SubmitSender(Duration responseTimeout, boolean receipts, EsmeEvents events) {
        this.responseTimeout = responseTimeout;
        this.receipts = receipts;
        this.events = events;
    }

    /**
     * Writes the part as submit_sm on {@code session}'s bound connection and returns at once; the stage completes
     * on the session's reader thread when the SMSC answers (or the response timer ends).
     */
    CompletableFuture<DeliveryResult> submitLater(EsmeSession session, EsmeSession.Pipeline pipeline,
            OutboundPart part, ReceiptLedger ledger) {
        SmppAddress from = part.source();
        SmppAddress to = part.destination();
        String prefix = session.logPrefix();
        try {
            TypeOfNumber fromTon = TypeOfNumber.valueOf(from.ton());
            NumberingPlanIndicator fromNpi = NumberingPlanIndicator.valueOf(from.npi());
            TypeOfNumber toTon = TypeOfNumber.valueOf(to.ton());
            NumberingPlanIndicator toNpi = NumberingPlanIndicator.valueOf(to.npi());
            byte[] text = part.shortMessage() == null ? new byte[0] : part.shortMessage();
            return pipeline.requests().send(sequence -> pipeline.sender().sendSubmitSm(pipeline.out(), sequence, "",
                    fromTon, fromNpi, from.address(), toTon, toNpi, to.address(),
                    new ESMClass(part.esmClass()), (byte) 0, (byte) 0, null, null,
                    receipts ? RECEIPT : NO_RECEIPT, (byte) 0, new RawDataCoding(part.dataCoding()), (byte) 0, text,
                    tlvs(part)))
                    .handle((response, error) -> outcome(session, pipeline, part, ledger, response, error));
        } catch (PDUException e) {
            // The exception's message may quote a field's value (a phone number, the text): not logged.
            log.warn("{} submit_sm to {} not encodable: {}", prefix, to, e.getClass().getSimpleName());
            return CompletableFuture.completedFuture(DeliveryResult.rejected(SmppStatus.ESME_RUNKNOWNERR));
        } catch (IOException e) {
            log.info("{} submit_sm to {} not written: {}", prefix, to, e.getMessage());
            return CompletableFuture.completedFuture(DeliveryResult.LINK_ERROR);
        } catch (IllegalArgumentException e) {
            // A TON or NPI value jsmpp has no constant for.
            log.warn("{} submit_sm to {} not encodable: {}", prefix, to, e.getMessage());
            return CompletableFuture.completedFuture(DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR));
        }
    }

    private DeliveryResult outcome(EsmeSession session, EsmeSession.Pipeline pipeline, OutboundPart part,
            ReceiptLedger ledger, PipelinedRequests.Response response, Throwable error) {
        String prefix = session.logPrefix();
        SmppAddress to = part.destination();
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            session.answered();
            if (response.commandStatus() != SmppStatus.ESME_ROK.code()) {
                log.debug("{} submit_sm to {} refused: 0x{}", prefix, to,
                        Integer.toHexString(response.commandStatus()));
                return DeliveryResult.rejected(SmppStatus.of(response.commandStatus()));
            }
            String id = messageId(response.pdu());
            if (receipts && !id.isBlank()) {
                // A receipt that overtook this response is counted now.
                ledger.sent(id, new ReceiptLedger.Sent(part.carrierId(), System.nanoTime()))
                        .ifPresent(state -> events.receipt(part.carrierId(), state, true));
            }
            log.debug("{} submit_sm to {} accepted as {}", prefix, to, id);
            return DeliveryResult.DELIVERED;
        }
        if (cause instanceof TimeoutException && pipeline.session().getSessionState().isBound()) {
            log.info("{} submit_sm to {}: no submit_sm_resp within {}", prefix, to, responseTimeout);
            session.unanswered(pipeline.session());
            return DeliveryResult.TIMEOUT;
        }
        log.info("{} submit_sm to {}: the bind went down before submit_sm_resp", prefix, to);
        return DeliveryResult.LINK_ERROR;
    }

    /** The message_id of a submit_sm_resp: the C-octet string after the header (none in a bare header). */
    static String messageId(byte[] pdu) {
        if (pdu == null || pdu.length <= HEADER) {
            return "";
        }
        int end = HEADER;
        while (end < pdu.length && pdu[end] != 0) {
            end++;
        }
        return new String(pdu, HEADER, end - HEADER, StandardCharsets.US_ASCII);
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
