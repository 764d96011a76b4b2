package io.cxmyd.gateway.message;

/**
 * One deliver_sm of a reply, fully encoded.
 *
 * @param carrierId the carrier whose receiver binds carry it
 * @param source the service number the subscriber wrote to
 * @param destination the subscriber, as received
 * @param esmClass esm_class (0x40 when {@code shortMessage} starts with a UDH)
 * @param dataCoding data_coding (8 for UCS2)
 * @param shortMessage short_message bytes (empty when the text travels in message_payload)
 * @param sar SAR TLVs for this part, or {@code null}
 * @param messagePayload the message_payload TLV, or {@code null}
 */
public record OutboundPart(
        String carrierId,
        SmppAddress source,
        SmppAddress destination,
        byte esmClass,
        byte dataCoding,
        byte[] shortMessage,
        Sar sar,
        byte[] messagePayload) {
}
