package io.cxmyd.gateway.smpp.client;

import io.cxmyd.gateway.message.SmppAddress;

/**
 * One deliver_sm as received and accepted, fields as on the wire.
 *
 * @param sar sar_msg_ref_num, sar_total_segments, sar_segment_seqnum, or {@code null} when absent
 * @param messagePayload the message_payload TLV, or {@code null} when absent
 */
public record ReceivedPart(
        SmppAddress source,
        SmppAddress destination,
        byte esmClass,
        byte dataCoding,
        byte registeredDelivery,
        byte[] shortMessage,
        Sar sar,
        byte[] messagePayload) {

    public record Sar(int reference, int total, int sequence) {
    }

    /** short_message, or message_payload when short_message is empty. */
    public byte[] payload() {
        if (shortMessage != null && shortMessage.length > 0) {
            return shortMessage;
        }
        return messagePayload == null ? new byte[0] : messagePayload;
    }

    /** esm_class bit 6: the payload starts with a user data header. */
    public boolean hasUdh() {
        return (esmClass & 0x40) != 0;
    }
}
