package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import java.time.Instant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;

/** Turns jsmpp's decoded submit_sm and data_sm into {@link InboundMessage}s. Pure. */
final class InboundMessages {

    private static final byte[] EMPTY = new byte[0];

    private InboundMessages() {
    }

    /** The payload is short_message, or the message_payload TLV when short_message is empty (SMPP 3.4 §5.3.2.32). */
    static InboundMessage fromSubmitSm(String carrierId, SubmitSm submitSm, Instant receivedAt) {
        byte[] shortMessage = submitSm.getShortMessage();
        byte[] payload = shortMessage != null && shortMessage.length > 0 ? shortMessage : messagePayload(submitSm);
        return message(carrierId, submitSm, payload, false, receivedAt);
    }

    /** data_sm has no short_message: the text travels in message_payload, if at all. */
    static InboundMessage fromDataSm(String carrierId, DataSm dataSm, Instant receivedAt) {
        return message(carrierId, dataSm, messagePayload(dataSm), true, receivedAt);
    }

    private static InboundMessage message(String carrierId, AbstractSmCommand sm, byte[] payload, boolean dataSm,
            Instant receivedAt) {
        return new InboundMessage(
                carrierId,
                new SmppAddress(sm.getSourceAddrTon(), sm.getSourceAddrNpi(), nullToEmpty(sm.getSourceAddr())),
                new SmppAddress(sm.getDestAddrTon(), sm.getDestAddrNpi(), nullToEmpty(sm.getDestAddress())),
                sm.getEsmClass(),
                sm.getDataCoding(),
                payload,
                dataSm,
                receivedAt,
                sar(sm));
    }

    /** The SAR TLVs (SMPP 3.4 §5.3.2.22-24) when all three are present, else {@code null}. */
    private static Sar sar(AbstractSmCommand sm) {
        if (sm.getOptionalParameters() == null) {
            return null;
        }
        OptionalParameter ref = sm.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM);
        OptionalParameter total = sm.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS);
        OptionalParameter seq = sm.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM);
        if (ref instanceof OptionalParameter.Short r && total instanceof OptionalParameter.Byte t
                && seq instanceof OptionalParameter.Byte q) {
            return new Sar(r.getValue() & 0xFFFF, t.getValue() & 0xFF, q.getValue() & 0xFF);
        }
        return null;
    }

    private static byte[] messagePayload(AbstractSmCommand sm) {
        if (sm.getOptionalParameters() == null) {
            return EMPTY;
        }
        OptionalParameter tlv = sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        if (tlv instanceof OptionalParameter.OctetString octets) {
            return octets.getValue();
        }
        return EMPTY;
    }

    /** jsmpp decodes an empty C-Octet String as null. */
    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
