package io.cxmyd.gateway.sms;

/**
 * How a reply longer than one SMS reaches the handset, chosen per carrier: SMSCs differ in which of the
 * three SMPP 3.4 mechanisms they pass on.
 */
public enum Concatenation {
    /**
     * A 6-byte user data header {@code 05 00 03 ref total seq} (IE 0x00, 8-bit reference) at the start of
     * each part's short_message, esm_class 0x40 (UDHI). What handsets reassemble natively; the default.
     */
    UDH,
    /** No header; the sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs (SMPP 3.4 §5.3.2.22-24). */
    SAR,
    /** The whole text in one deliver_sm's message_payload TLV, short_message empty: the SMSC splits it. */
    PAYLOAD
}
