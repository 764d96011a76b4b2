package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.BaseSm;
import com.cloudhopper.smpp.tlv.Tlv;

/**
 * Where one part of a reply ({@code deliver_sm} in server mode, {@code submit_sm} in ESME mode) stands in it, as
 * the outside load tools read it: the total and sequence number from the UDH (IEI 0x00 or 0x08, with
 * {@code esm_class} 0x40), else from the SAR TLVs, else 1 of 1; {@code octets} of {@code short_message} (or of
 * {@code message_payload} when the former is empty); {@code malformed} when a SAR TLV could not be read.
 */
record ReplyPart(int total, int seq, int octets, boolean malformed) {

    static ReplyPart of(BaseSm<?> sm) {
        byte[] body = sm.getShortMessage();
        int octets = body == null ? 0 : body.length;
        int total = 1;
        int seq = 1;
        boolean malformed = false;
        if ((sm.getEsmClass() & 0x40) != 0 && body != null && body.length > 0) {
            int udhEnd = 1 + (body[0] & 0xFF);
            for (int i = 1; i + 1 < udhEnd && i + 1 < body.length; ) {
                int iei = body[i] & 0xFF;
                int len = body[i + 1] & 0xFF;
                if (iei == 0x00 && len == 3 && i + 4 < body.length) {
                    total = body[i + 3] & 0xFF;
                    seq = body[i + 4] & 0xFF;
                } else if (iei == 0x08 && len == 4 && i + 5 < body.length) {
                    total = body[i + 4] & 0xFF;
                    seq = body[i + 5] & 0xFF;
                }
                i += 2 + len;
            }
        } else {
            Tlv t = sm.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS);
            Tlv n = sm.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM);
            try {
                if (t != null && n != null) {
                    total = t.getValueAsUnsignedByte();
                    seq = n.getValueAsUnsignedByte();
                }
                Tlv payload = sm.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD);
                if (octets == 0 && payload != null) {
                    octets = payload.getLength();
                }
            } catch (Exception e) {
                malformed = true;
            }
        }
        return new ReplyPart(Math.max(1, total), seq, octets, malformed);
    }
}
