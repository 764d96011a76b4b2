package io.cxmyd.gateway.message;

import java.time.Instant;

/**
 * A subscriber's message as a carrier handed it over (submit_sm or data_sm on a bind into the gateway,
 * deliver_sm on a bind out of it), not yet decoded.
 *
 * @param carrierId the carrier of the link it came on
 * @param source the subscriber, as received (the reply's destination mirrors it)
 * @param destination the service number written to
 * @param esmClass esm_class as received (receipt bits, UDHI)
 * @param dataCoding data_coding as received
 * @param payload short_message, or message_payload when short_message is empty
 * @param dataSm whether it arrived as data_sm
 * @param receivedAt when the PDU was read (for end-to-end latency)
 * @param sar the SAR TLVs when it is one part of a concatenated message sent that way, else {@code null}
 */
public record InboundMessage(
        String carrierId,
        SmppAddress source,
        SmppAddress destination,
        byte esmClass,
        byte dataCoding,
        byte[] payload,
        boolean dataSm,
        Instant receivedAt,
        Sar sar) {

    /** esm_class bit 6, UDHI: the payload starts with a user data header. */
    public static final byte UDHI = 0x40;

    /** A message without SAR TLVs. */
    public InboundMessage(String carrierId, SmppAddress source, SmppAddress destination, byte esmClass,
            byte dataCoding, byte[] payload, boolean dataSm, Instant receivedAt) {
        this(carrierId, source, destination, esmClass, dataCoding, payload, dataSm, receivedAt, null);
    }

    /** esm_class bits 2-5 (mask 0x3C) mark a delivery receipt or acknowledgement: never a query. */
    public boolean isReceipt() {
        return (esmClass & 0x3C) != 0;
    }

    /** esm_class bit 6: the payload starts with a user data header. */
    public boolean hasUdh() {
        return (esmClass & UDHI) != 0;
    }
}
