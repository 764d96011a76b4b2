package io.cxmyd.gateway.query;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Sar;
import java.util.Arrays;

/**
 * One part of a subscriber's concatenated message, read from its user data header (3GPP TS 23.040 §9.2.3.24.1
 * 8-bit reference, IEI 0x00; §9.2.3.24.8 16-bit reference, IEI 0x08) or its SAR TLVs. Pure.
 *
 * @param scheme how the parts are numbered: references of different schemes never match
 * @param reference the concatenated message's reference
 * @param total its number of parts
 * @param sequence this part's number, 1-based
 * @param body the part's bytes without the header
 */
record MessagePart(Scheme scheme, int reference, int total, int sequence, byte[] body) {

    enum Scheme {
        UDH_8BIT,
        UDH_16BIT,
        SAR
    }

    private static final int IEI_CONCAT_8BIT = 0x00;
    private static final int IEI_CONCAT_16BIT = 0x08;

    /**
     * The part {@code m} is, or {@code null} when it is a message of its own: no concatenation header, a
     * single part, or numbers that do not make sense (part 0, part 3 of 2): such a message is read alone.
     */
    static MessagePart of(InboundMessage m) {
        byte[] payload = m.payload() == null ? new byte[0] : m.payload();
        MessagePart p = m.hasUdh() ? fromUdh(payload) : null;
        if (p == null && m.sar() != null) {
            Sar s = m.sar();
            p = new MessagePart(Scheme.SAR, s.reference(), s.total(), s.sequence(), payload);
        }
        return p != null && p.total() > 1 && p.sequence() >= 1 && p.sequence() <= p.total() ? p : null;
    }

    private static MessagePart fromUdh(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        int headerEnd = 1 + (payload[0] & 0xFF);
        if (headerEnd > payload.length) {
            return null; // the decoder refuses it: the header claims more than the message holds
        }
        byte[] body = Arrays.copyOfRange(payload, headerEnd, payload.length);
        int i = 1;
        while (i + 1 < headerEnd) {
            int iei = payload[i] & 0xFF;
            int length = payload[i + 1] & 0xFF;
            int data = i + 2;
            if (data + length > headerEnd) {
                return null;
            }
            if (iei == IEI_CONCAT_8BIT && length == 3) {
                return new MessagePart(Scheme.UDH_8BIT, payload[data] & 0xFF, payload[data + 1] & 0xFF,
                        payload[data + 2] & 0xFF, body);
            }
            if (iei == IEI_CONCAT_16BIT && length == 4) {
                return new MessagePart(Scheme.UDH_16BIT, ((payload[data] & 0xFF) << 8) | (payload[data + 1] & 0xFF),
                        payload[data + 2] & 0xFF, payload[data + 3] & 0xFF, body);
            }
            i = data + length;
        }
        return null;
    }
}
