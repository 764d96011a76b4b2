package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppAddress;

import io.cxmyd.gateway.message.InboundMessage;

import io.cxmyd.gateway.message.SmppStatus;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/**
 * Whether a reply to a message could be addressed at all: the reply's deliver_sm goes to the message's source
 * and comes from its destination, with their TON and NPI as received, so a value SMPP 3.4 does not define
 * (§5.2.5, §5.2.6: TON 0-6; NPI 0, 1, 3, 4, 6, 8, 9, 10, 14, 18) cannot be written back. Such a message was
 * once acknowledged with ESME_ROK and then never answered (and the log blamed the carrier); it is now
 * refused at submit_sm time with the field's status. Pure: no I/O.
 */
final class ReplyAddresses {

    private ReplyAddresses() {
    }

    /** The status to refuse {@code message} with, or null when a reply can be addressed. */
    static SmppStatus refusal(InboundMessage message) {
        SmppAddress source = message.source();
        SmppAddress destination = message.destination();
        if (!tonDefined(source.ton())) {
            return SmppStatus.ESME_RINVSRCTON;
        }
        if (!npiDefined(source.npi())) {
            return SmppStatus.ESME_RINVSRCNPI;
        }
        if (!tonDefined(destination.ton())) {
            return SmppStatus.ESME_RINVDSTTON;
        }
        if (!npiDefined(destination.npi())) {
            return SmppStatus.ESME_RINVDSTNPI;
        }
        return null;
    }

    private static boolean tonDefined(byte ton) {
        try {
            TypeOfNumber.valueOf(ton);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean npiDefined(byte npi) {
        try {
            NumberingPlanIndicator.valueOf(npi);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
