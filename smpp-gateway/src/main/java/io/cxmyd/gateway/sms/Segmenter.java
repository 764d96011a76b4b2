package io.cxmyd.gateway.sms;

import io.cxmyd.gateway.message.Sar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a reply as UCS2 (UTF-16BE, data_coding 8) and cuts it into SMS parts.
 *
 * <p>One SMS carries 140 octets: 70 UTF-16 code units. A longer text is sent in parts of at most 67 code
 * units (134 octets, leaving 6 for the concatenation header; SAR and message_payload carriers get the same
 * cut so that a reply looks the same on every network and the part count the composer limits is the one the
 * handset shows). A part never ends between the two halves of a surrogate pair (an emoji, a CJK Extension B
 * character): such a part carries 66 units and the pair opens the next one.
 */
public final class Segmenter {

    /** UTF-16 code units in a single, unconcatenated SMS (140 octets). */
    public static final int SINGLE_PART_UNITS = 70;
    /** UTF-16 code units in one part of a concatenated SMS (140 octets less a 6-octet UDH). */
    public static final int MULTI_PART_UNITS = 67;
    /** The total a one-octet UDH field or sar_total_segments can count. */
    public static final int MAX_PARTS = 255;

    private static final byte ESM_CLASS_UDHI = 0x40;
    private static final int UDH_LENGTH = 6;

    private Segmenter() {
    }

    /**
     * The number of SMS parts {@code text} takes, by the rule above, whatever the carrier's
     * {@link Concatenation}: what the handset shows.
     */
    public static int partCount(String text) {
        int length = text.length();
        if (length <= SINGLE_PART_UNITS) {
            return 1;
        }
        int parts = 0;
        for (int start = 0; start < length; start = partEnd(text, start)) {
            parts++;
        }
        return parts;
    }

    /**
     * Encodes {@code text} for one carrier.
     *
     * @param reference the caller's per-carrier counter for this reply: its low 8 bits go into the UDH, its
     *     low 16 bits into sar_msg_ref_num; ignored for a single part and for message_payload
     * @throws IllegalArgumentException when the text needs more than {@value #MAX_PARTS} parts (the composer
     *     keeps replies far below)
     */
    public static List<EncodedSegment> encode(String text, Concatenation mode, int reference) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        int length = text.length();
        if (length <= SINGLE_PART_UNITS) {
            // Every SMSC takes a one-part text in short_message, PAYLOAD carriers included.
            return List.of(new EncodedSegment((byte) 0, ucs2(text, 0, length, 0), null, null));
        }
        int total = partCount(text);
        if (total > MAX_PARTS) {
            throw new IllegalArgumentException(
                    "reply text: at most " + MAX_PARTS + " parts, was " + total + " (" + length + " UTF-16 units)");
        }
        if (mode == Concatenation.PAYLOAD) {
            return List.of(new EncodedSegment((byte) 0, new byte[0], null, ucs2(text, 0, length, 0)));
        }
        List<EncodedSegment> segments = new ArrayList<>(total);
        int sequence = 1;
        for (int start = 0; start < length; sequence++) {
            int end = partEnd(text, start);
            segments.add(mode == Concatenation.UDH
                    ? udhSegment(text, start, end, reference, total, sequence)
                    : new EncodedSegment((byte) 0, ucs2(text, start, end, 0),
                            new Sar(reference & 0xFFFF, total, sequence), null));
            start = end;
        }
        return List.copyOf(segments);
    }

    private static EncodedSegment udhSegment(String text, int start, int end, int reference, int total, int seq) {
        byte[] bytes = ucs2(text, start, end, UDH_LENGTH);
        bytes[0] = 0x05; // UDH length: the 5 octets that follow
        bytes[1] = 0x00; // IE: concatenated short messages, 8-bit reference (3GPP TS 23.040 §9.2.3.24.1)
        bytes[2] = 0x03; // IE length
        bytes[3] = (byte) reference;
        bytes[4] = (byte) total;
        bytes[5] = (byte) seq;
        return new EncodedSegment(ESM_CLASS_UDHI, bytes, null, null);
    }

    /** Where the part starting at {@code start} ends: 67 units on, one less when that splits a pair. */
    private static int partEnd(String text, int start) {
        int end = Math.min(start + MULTI_PART_UNITS, text.length());
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return end;
    }

    /** UTF-16BE code units of {@code text[start, end)}, after {@code headroom} zero bytes. */
    private static byte[] ucs2(String text, int start, int end, int headroom) {
        byte[] bytes = new byte[headroom + 2 * (end - start)];
        int j = headroom;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            bytes[j++] = (byte) (c >>> 8);
            bytes[j++] = (byte) c;
        }
        return bytes;
    }
}
