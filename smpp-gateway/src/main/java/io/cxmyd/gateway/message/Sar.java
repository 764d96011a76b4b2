package io.cxmyd.gateway.message;

/**
 * The SAR TLVs of one part of a concatenated message (SMPP 3.4 §5.3.2.22-24): sar_msg_ref_num,
 * sar_total_segments, sar_segment_seqnum (1-based).
 */
public record Sar(int reference, int total, int sequence) {
}
