package io.cxmyd.gateway.sms;

import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One deliver_sm's worth of an encoded reply, before addressing. Always UCS2 (data_coding 8).
 *
 * @param esmClass 0x40 when {@code shortMessage} starts with a UDH, else 0
 * @param shortMessage short_message bytes (empty when the text travels in message_payload)
 * @param sar SAR TLVs, or {@code null}
 * @param messagePayload message_payload bytes, or {@code null}
 */
public record EncodedSegment(byte esmClass, byte[] shortMessage, Sar sar, byte[] messagePayload) {

    /** data_coding of every segment: UCS2. */
    public static final byte DATA_CODING_UCS2 = 8;

    public EncodedSegment {
        Objects.requireNonNull(shortMessage, "shortMessage");
    }

    /** This segment as a deliver_sm from {@code source} (the service number) to {@code destination}. */
    public OutboundPart toOutboundPart(String carrierId, SmppAddress source, SmppAddress destination) {
        return new OutboundPart(carrierId, source, destination, esmClass, DATA_CODING_UCS2, shortMessage, sar,
                messagePayload);
    }

    /** Every segment of a reply as deliver_sm parts, in order. */
    public static List<OutboundPart> toOutboundParts(
            List<EncodedSegment> segments, String carrierId, SmppAddress source, SmppAddress destination) {
        List<OutboundPart> parts = new ArrayList<>(segments.size());
        for (EncodedSegment segment : segments) {
            parts.add(segment.toOutboundPart(carrierId, source, destination));
        }
        return List.copyOf(parts);
    }
}
