package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Answer;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.MessageIntake;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.wire.GatheredWrites;

import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.PDUDecomposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of one bind, on jsmpp's PDU threads: submit_sm and data_sm go to the {@link MessageIntake};
 * everything else a carrier might ask of an SMSC is refused with ESME_RINVCMDID, since the gateway stores
 * no messages to query, replace or cancel (SMPP 3.4 §5.1.3: "Invalid Command ID" also covers commands the
 * SMSC does not support).
 */
final class InboundDispatcher implements ServerMessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);
    private static final OptionalParameter[] NO_TLVS = new OptionalParameter[0];
    private static final PDUDecomposer DECOMPOSER = DefaultDecomposer.getInstance();
    private static final HexFormat HEX = HexFormat.of();

    private final ServerBind bind;
    private final MessageIntake intake;
    private final Clock clock;
    private final ReceiptSender receipts;
    private final DeferredResponses responses;

    InboundDispatcher(ServerBind bind, MessageIntake intake, Clock clock, ReceiptSender receipts,
            DeferredResponses responses) {
        this.bind = bind;
        this.responses = responses;
        this.intake = intake;
        this.clock = clock;
        this.receipts = receipts;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
            throws ProcessRequestException {
        // jsmpp itself refuses submit_sm on a receiver bind with ESME_RINVBNDSTS.
        MessageId id = newMessageId();
        submitSm(submitSm, id);
        responses.defer(id.getValue()); // jsmpp's own write of the response, after this returns, is skipped
        return new SubmitSmResult(id, NO_TLVS);
    }

    /**
     * A submit_sm taken on the session's reader thread instead of jsmpp's PDU threads: one hand-off and one
     * wake-up less per query (docs/performance.md, sixth run). Only when the intake never waits (the disk
     * journal; not the Redis stream, whose accept waits for Redis), on a bound bind that transmits, and only
     * one that decodes: anything else (another state, a malformed PDU) is left to jsmpp, which answers it as it
     * always has. Returns whether it was taken, and answered or to be answered.
     */
    boolean takeSubmitSm(int commandId, int sequence, byte[] pdu) {
        if (commandId != SMPPConstant.CID_SUBMIT_SM || !intake.offersWithoutWaiting()
                || bind.phase() != PduScreen.Phase.BOUND || !bind.type().transmits()) {
            return false;
        }
        SubmitSm submitSm;
        try {
            submitSm = DECOMPOSER.submitSm(pdu);
        } catch (PDUStringException | RuntimeException e) {
            return false;
        }
        SmppStatus refused;
        try {
            submitSm(submitSm, newMessageId());
            return true;
        } catch (ProcessRequestException e) {
            refused = SmppStatus.of(e.getErrorCode());
        } catch (RuntimeException e) {
            // A bug must not end the reader thread, and with it the carrier's bind.
            log.warn("{} submit_sm: handling failed, answering ESME_RSYSERR", bind.logPrefix(), e);
            refused = SmppStatus.ESME_RSYSERR;
        }
        try {
            responses.respond(SMPPConstant.CID_SUBMIT_SM, sequence, refused, null);
        } catch (IOException io) {
            log.debug("{} submit_sm response not written: {}", bind.logPrefix(), io.toString());
        }
        return true;
    }

    private void submitSm(SubmitSm submitSm, MessageId id) throws ProcessRequestException {
        InboundMessage message = InboundMessages.fromSubmitSm(bind.carrierId(), submitSm, clock.instant());
        answerLater(message, SMPPConstant.CID_SUBMIT_SM, submitSm.getSequenceNumber(), id.getValue(),
                ReceiptSender.wanted(submitSm.getRegisteredDelivery()));
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        // jsmpp takes data_sm on every bind type; from the ESME it needs a transmitter or transceiver bind.
        if (!bind.type().transmits()) {
            throw refusal("data_sm on a receiver bind", SmppStatus.ESME_RINVBNDSTS);
        }
        InboundMessage message = InboundMessages.fromDataSm(bind.carrierId(), dataSm, clock.instant());
        MessageId id = newMessageId();
        answerLater(message, SMPPConstant.CID_DATA_SM, dataSm.getSequenceNumber(), id.getValue(),
                ReceiptSender.wanted(dataSm.getRegisteredDelivery()));
        responses.defer(id.getValue());
        return new DataSmResult(id, NO_TLVS);
    }

    /**
     * Hands the message to the intake and writes its response when the answer is known: at once for what is
     * decided on this thread, after the fsync for a durable accept (no PDU thread waits for it). jsmpp's own
     * response to the result returned above is skipped ({@link DeferredResponses}). For a taken message, the
     * receipt and the intake's follow-up start only after the response is written.
     */
    private void answerLater(InboundMessage message, int commandId, int sequence, String messageId,
            boolean receipt) throws ProcessRequestException {
        String command = commandId == SMPPConstant.CID_DATA_SM ? "data_sm" : "submit_sm";
        SmppStatus unanswerable = message.isReceipt() ? null : ReplyAddresses.refusal(message);
        if (unanswerable != null) {
            log.debug("{} {} from {} to {}: no reply could be addressed back, {}", bind.logPrefix(), command,
                    message.source(), message.destination(), unanswerable);
            throw refusal(command + " refused", unanswerable);
        }
        Answer answer;
        try {
            answer = intake.offerLater(message);
        } catch (RuntimeException e) {
            log.warn("{} {} from {}: handler failed, answering ESME_RSYSERR", bind.logPrefix(), command,
                    message.source(), e);
            answer = Answer.now(Acceptance.INTERNAL_ERROR);
        }
        if (answer == null) {
            answer = Answer.now(Acceptance.INTERNAL_ERROR);
        }
        Runnable afterTaken = answer.afterTaken();
        answer.acceptance().whenComplete((decided, error) -> {
            if (error != null) {
                log.warn("{} {} from {}: handler failed, answering ESME_RSYSERR", bind.logPrefix(), command,
                        message.source(), error);
            }
            Acceptance acceptance = error != null || decided == null ? Acceptance.INTERNAL_ERROR : decided;
            SmppStatus status = acceptance.status();
            log.debug("{} {} from {} to {}: {}", bind.logPrefix(), command, message.source(),
                    message.destination(), status);
            try {
                responses.respond(commandId, sequence, status, messageId);
            } catch (IOException | RuntimeException e) {
                // The peer will not count the message as ours; if it was taken it is journaled and answered
                // all the same (at-least-once: a duplicate should the peer send it again).
                log.debug("{} {} response not written: {}", bind.logPrefix(), command, e.toString());
            }
            if (acceptance.taken()) {
                // Once the response is on the socket, not just in this thread's held writes: the receipt and the
                // reply may leave on another connection (a receiver bind), which nothing else orders after it.
                GatheredWrites.afterRelease(() -> {
                    if (receipt) {
                        receipts.accepted(message, messageId);
                    }
                    try {
                        afterTaken.run();
                    } catch (RuntimeException e) {
                        log.error("{} {} from {}: the work after the accept failed", bind.logPrefix(), command,
                                message.source(), e);
                    }
                });
            }
        });
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_sm");
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    private ProcessRequestException unsupported(String command) {
        log.debug("{} {} is not supported", bind.logPrefix(), command);
        return refusal(command + " is not supported", SmppStatus.ESME_RINVCMDID);
    }

    private static ProcessRequestException refusal(String message, SmppStatus status) {
        return new ProcessRequestException(message, status.code());
    }

    /** 16 hex digits: random, so ids do not repeat across restarts (they are only echoed in logs by carriers). */
    private static MessageId newMessageId() {
        try {
            // Not String.format: its parsing of the pattern was 2% of the query path's CPU (eighth run).
            return new MessageId(HEX.toHexDigits(ThreadLocalRandom.current().nextLong()));
        } catch (PDUStringException e) {
            throw new IllegalStateException("a 16-character message id is always valid", e);
        }
    }
}
