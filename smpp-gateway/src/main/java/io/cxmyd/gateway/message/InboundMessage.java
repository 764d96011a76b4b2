package io.cxmyd.gateway.message;

import java.time.Instant;

/**
 * A subscriber's message as a carrier submitted it (submit_sm or data_sm), not yet decoded.
 *
 * @param carrierId the carrier of the bind it came on
 * @param source the subscriber, as received (the reply's destination mirrors it)
 * @param destination the service number written to
 * @param esmClass esm_class as received (receipt bits, UDHI)
 * @param dataCoding data_coding as received
 * @param payload short_message, or message_payload when short_message is empty
 * @param dataSm whether it arrived as data_sm
 * @param receivedAt when the PDU was read (for end-to-end latency)
 */
public record InboundMessage(
        String carrierId,
        SmppAddress source,
        SmppAddress destination,
        byte esmClass,
        byte dataCoding,
        byte[] payload,
        boolean dataSm,
        Instant receivedAt) {

    /** esm_class bits 2-5 (mask 0x3C) mark a delivery receipt or acknowledgement: never a query. */
    public boolean isReceipt() {
        return (esmClass & 0x3C) != 0;
    }

    /** esm_class bit 6: the payload starts with a user data header. */
    public boolean hasUdh() {
        return (esmClass & 0x40) != 0;
    }
}
