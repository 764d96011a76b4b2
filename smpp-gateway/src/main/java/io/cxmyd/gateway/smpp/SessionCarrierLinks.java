package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jsmpp.GenericNackResponseException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
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
    private static final RegisteredDelivery NO_RECEIPT = new RegisteredDelivery(0);
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
        return deliver(part, tlvs(part));
    }

    /**
     * A delivery receipt (esm_class 0x04 in {@code part}) for the message the gateway accepted as
     * {@code receiptedId}: receipted_message_id and message_state DELIVERED (2) ride along as TLVs.
     */
    DeliveryResult deliverReceipt(OutboundPart part, String receiptedId) {
        OptionalParameter[] tlvs = {
            new OptionalParameter.Receipted_message_id(receiptedId),
            new OptionalParameter.Message_state((byte) 2), // DELIVERED, SMPP 3.4 §5.3.2.35
        };
        return deliver(part, tlvs);
    }

    private DeliveryResult deliver(OutboundPart part, OptionalParameter[] tlvs) {
        List<ServerBind> binds = registry.receiversInTurn(part.carrierId());
        if (binds.isEmpty()) {
            return DeliveryResult.NO_BIND;
        }
        for (ServerBind bind : binds) {
            Attempt attempt = deliverOn(bind, part, tlvs);
            if (!attempt.notWritten()) {
                return attempt.result();
            }
        }
        return DeliveryResult.LINK_ERROR;
    }

    /** One deliver_sm on one bind; {@code notWritten}: it never reached the carrier, the next bind may try. */
    private record Attempt(DeliveryResult result, boolean notWritten) {
        static Attempt of(DeliveryResult result) {
            return new Attempt(result, false);
        }
    }

    private Attempt deliverOn(ServerBind bind, OutboundPart part, OptionalParameter[] tlvs) {
        bind.inFlight().incrementAndGet();
        try {
            return send(bind, part, tlvs);
        } finally {
            bind.inFlight().decrementAndGet();
        }
    }

    private Attempt send(ServerBind bind, OutboundPart part, OptionalParameter[] tlvs) {
        SmppAddress from = part.source();
        SmppAddress to = part.destination();
        try {
            bind.session().deliverShortMessage(
                    null,
                    TypeOfNumber.valueOf(from.ton()), NumberingPlanIndicator.valueOf(from.npi()), from.address(),
                    TypeOfNumber.valueOf(to.ton()), NumberingPlanIndicator.valueOf(to.npi()), to.address(),
                    new ESMClass(part.esmClass()),
                    (byte) 0,
                    (byte) 0,
                    NO_RECEIPT,
                    new RawDataCoding(part.dataCoding()),
                    part.shortMessage() == null ? new byte[0] : part.shortMessage(),
                    tlvs);
            bind.deliveryAnswered();
            log.debug("{} deliver_sm to {} delivered", bind.logPrefix(), to);
            return Attempt.of(DeliveryResult.DELIVERED);
        } catch (NegativeResponseException e) {
            bind.deliveryAnswered();
            SmppStatus status = SmppStatus.of(e.getCommandStatus());
            log.debug("{} deliver_sm to {} rejected: 0x{}", bind.logPrefix(), to,
                    Integer.toHexString(e.getCommandStatus()));
            return Attempt.of(DeliveryResult.rejected(status));
        } catch (ResponseTimeoutException e) {
            if (!bind.isBound()) {
                // Written, then the bind went down before an answer: the carrier may or may not have it.
                log.info("{} deliver_sm to {}: bind went down before deliver_sm_resp", bind.logPrefix(), to);
                return Attempt.of(DeliveryResult.LINK_ERROR);
            }
            log.info("{} deliver_sm to {}: no deliver_sm_resp in time", bind.logPrefix(), to);
            if (bind.deliveryUnanswered() == DEAD_AFTER_UNANSWERED) {
                // Its replies are retried on the carrier's other binds, or wait for its next one.
                log.warn("{} {} deliver_sm in a row without deliver_sm_resp: the bind is dead, closed",
                        bind.logPrefix(), DEAD_AFTER_UNANSWERED);
                bind.session().close();
            }
            return Attempt.of(DeliveryResult.TIMEOUT);
        } catch (GenericNackResponseException e) {
            bind.deliveryAnswered();
            log.info("{} deliver_sm to {} answered by generic_nack 0x{}", bind.logPrefix(), to,
                    Integer.toHexString(e.getCommandStatus()));
            return Attempt.of(DeliveryResult.rejected(SmppStatus.of(e.getCommandStatus())));
        } catch (InvalidResponseException e) {
            log.warn("{} deliver_sm to {}: invalid response: {}", bind.logPrefix(), to, e.getMessage());
            return Attempt.of(DeliveryResult.rejected(SmppStatus.ESME_RUNKNOWNERR));
        } catch (PDUStringException e) {
            // Our part breaks an SMPP field limit (an address too long): permanent, whatever the bind. The
            // exception's message quotes the field's value, which may be a phone number or the text: not logged.
            log.warn("{} deliver_sm to {} not encodable: field {} too long", bind.logPrefix(), to, e.getParameter());
            return Attempt.of(DeliveryResult.rejected(SmppStatus.of(e.getErrorCode())));
        } catch (PDUException e) {
            log.warn("{} deliver_sm to {} not encodable: {}", bind.logPrefix(), to, e.getClass().getSimpleName());
            return Attempt.of(DeliveryResult.rejected(SmppStatus.ESME_RUNKNOWNERR));
        } catch (IOException e) {
            log.info("{} deliver_sm to {} not written: {}", bind.logPrefix(), to, e.getMessage());
            return new Attempt(DeliveryResult.LINK_ERROR, true);
        } catch (IllegalArgumentException e) {
            // A TON or NPI value jsmpp has no constant for.
            log.warn("{} deliver_sm to {} not encodable: {}", bind.logPrefix(), to, e.getMessage());
            return Attempt.of(DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR));
        }
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
