package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.wire.GatheredWrites;
import io.cxmyd.itinerary.Msisdn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.TypeOfNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CarrierLinks} over the jsmpp sessions in a {@link BindRegistry}.
 *
 * <p>A deliver_sm that could not be written (the bind broke, or went down since it was picked) is tried on the
 * carrier's next receiving bind: nothing reached the carrier, so nothing can be duplicated. A deliver_sm that
 * was written but not answered in time is not: the carrier may have taken it, and the delivery package decides
 * whether to send it again.
 *
 * <p>A bind on which {@link #DEAD_AFTER_UNANSWERED} deliver_sm in a row got no response is closed. enquire_link
 * alone cannot find such a peer when its link layer still works: the gateway only sends enquire_link after
 * {@code enquireLinkInterval} without a PDU from the peer, and a half-dead SMSC that keeps sending its own
 * enquire_link (or answers ours) would hold its bind, and the replies round-robined onto it, forever.
 */
final class SessionCarrierLinks implements CarrierLinks {

    private static final Logger log = LoggerFactory.getLogger(SessionCarrierLinks.class);
    /** Consecutive deliver_sm without a response after which a bind counts as dead and is closed. */
    static final int DEAD_AFTER_UNANSWERED = 3;

    private final BindRegistry registry;

    SessionCarrierLinks(BindRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean canDeliver(String carrierId) {
        return registry.canDeliver(carrierId);
    }

    @Override
    public DeliveryResult deliver(OutboundPart part) {
        GatheredWrites.flushHeld(); // the response waited for needs the deliver_sm out, and what came before it
        return deliverLater(part).toCompletableFuture().join();
    }

    /** Written at once on a receiving bind of the carrier; completes when the carrier answers. */
    @Override
    public CompletionStage<DeliveryResult> deliverLater(OutboundPart part) {
        return deliverLater(part, tlvs(part));
    }

    @Override
    public boolean pipelines(String carrierId) {
        return true;
    }

    /**
     * A delivery receipt (esm_class 0x04 in {@code part}) for the message the gateway accepted as
     * {@code receiptedId}: receipted_message_id and message_state DELIVERED (2) ride along as TLVs.
     */
    CompletionStage<DeliveryResult> deliverReceipt(OutboundPart part, String receiptedId) {
        OptionalParameter[] tlvs = {
            new OptionalParameter.Receipted_message_id(receiptedId),
            new OptionalParameter.Message_state((byte) 2), // DELIVERED, SMPP 3.4 §5.3.2.35
        };
        return deliverLater(part, tlvs);
    }

    private CompletionStage<DeliveryResult> deliverLater(OutboundPart part, OptionalParameter[] tlvs) {
        List<ServerBind> binds = registry.receiversInTurn(part.carrierId());
        if (binds.isEmpty()) {
            return CompletableFuture.completedFuture(DeliveryResult.NO_BIND);
        }
        BindDeliveries.SmppFields fields;
        try {
            fields = fields(part);
        } catch (IllegalArgumentException e) {
            // A TON or NPI value jsmpp has no constant for.
            log.warn("[{}] deliver_sm to {} not encodable: {}", part.carrierId(), part.destination(), e.getMessage());
            return CompletableFuture.completedFuture(DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR));
        }
        for (ServerBind bind : binds) {
            CompletionStage<DeliveryResult> sent = write(bind, fields, tlvs);
            if (sent != null) {
                return sent;
            }
        }
        return CompletableFuture.completedFuture(DeliveryResult.LINK_ERROR);
    }

    /** One deliver_sm on one bind; {@code null}: it never reached the carrier, the next bind may try. */
    private CompletionStage<DeliveryResult> write(ServerBind bind, BindDeliveries.SmppFields part,
            OptionalParameter[] tlvs) {
        BindDeliveries deliveries = bind.deliveries();
        if (deliveries == null || !bind.isBound()) {
            return null;
        }
        try {
            return deliveries.deliver(part, tlvs).handle((status, error) -> outcome(bind, part, status, error));
        } catch (PDUStringException e) {
            // Our part breaks an SMPP field limit (an address too long): permanent, whatever the bind. The
            // exception's message quotes the field's value, which may be a phone number or the text: not logged.
            log.warn("{} deliver_sm to {} not encodable: field {} too long", bind.logPrefix(),
                    Msisdn.mask(part.destination()), e.getParameter());
            return CompletableFuture.completedFuture(DeliveryResult.rejected(SmppStatus.of(e.getErrorCode())));
        } catch (PDUException e) {
            log.warn("{} deliver_sm not encodable: {}", bind.logPrefix(), e.getClass().getSimpleName());
            return CompletableFuture.completedFuture(DeliveryResult.rejected(SmppStatus.ESME_RUNKNOWNERR));
        } catch (IOException e) {
            log.info("{} deliver_sm not written: {}", bind.logPrefix(), e.getMessage());
            return null;
        }
    }

    private DeliveryResult outcome(ServerBind bind, BindDeliveries.SmppFields part, Integer status,
            Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            bind.deliveryAnswered();
            if (status == SmppStatus.ESME_ROK.code()) {
                return DeliveryResult.DELIVERED;
            }
            log.debug("{} deliver_sm rejected: 0x{}", bind.logPrefix(), Integer.toHexString(status));
            return DeliveryResult.rejected(SmppStatus.of(status));
        }
        if (cause instanceof PipelinedRequests.LinkGone || !bind.isBound()) {
            // Written, then the bind went down before an answer: the carrier may or may not have it.
            log.info("{} deliver_sm: bind went down before deliver_sm_resp", bind.logPrefix());
            return DeliveryResult.LINK_ERROR;
        }
        if (cause instanceof TimeoutException) {
            log.info("{} deliver_sm: no deliver_sm_resp in time", bind.logPrefix());
            if (bind.deliveryUnanswered() == DEAD_AFTER_UNANSWERED) {
                // Its replies are retried on the carrier's other binds, or wait for its next one.
                log.warn("{} {} deliver_sm in a row without deliver_sm_resp: the bind is dead, closed",
                        bind.logPrefix(), DEAD_AFTER_UNANSWERED);
                bind.session().close();
            }
            return DeliveryResult.TIMEOUT;
        }
        log.warn("{} deliver_sm failed: {}", bind.logPrefix(), cause.toString());
        return DeliveryResult.LINK_ERROR;
    }

    private static BindDeliveries.SmppFields fields(OutboundPart part) {
        SmppAddress from = part.source();
        SmppAddress to = part.destination();
        return new BindDeliveries.SmppFields(
                TypeOfNumber.valueOf(from.ton()), NumberingPlanIndicator.valueOf(from.npi()), from.address(),
                TypeOfNumber.valueOf(to.ton()), NumberingPlanIndicator.valueOf(to.npi()), to.address(),
                new ESMClass(part.esmClass()), new RawDataCoding(part.dataCoding()),
                part.shortMessage() == null ? new byte[0] : part.shortMessage());
    }

    static OptionalParameter[] tlvs(OutboundPart part) {
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
