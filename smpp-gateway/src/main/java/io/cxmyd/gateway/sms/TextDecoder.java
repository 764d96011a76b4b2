package io.cxmyd.gateway.sms;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a subscriber's message by its data_coding (SMPP 3.4 §5.2.19). Pure and total: malformed bytes
 * become U+FFFD or a {@link DecodeResult.Rejected}, never an exception.
 *
 * <ul>
 *   <li>0, SMSC default alphabet: read as GSM 03.38 unpacked septets. Chinese SMSCs (and the CMPP/SGIP
 *       gateways behind them) in practice put plain ASCII here; the GSM basic table agrees with ASCII on
 *       letters, digits, space and most punctuation, so the keyword reads right either way. Packed 7-bit
 *       short_message is not used on these links and is not recognised.</li>
 *   <li>1, IA5: US-ASCII.</li>
 *   <li>3, Latin-1: ISO-8859-1.</li>
 *   <li>8, UCS2: UTF-16BE, so surrogate pairs from handsets that really send UTF-16 decode as one
 *       character and a lone surrogate becomes U+FFFD; an odd byte count cannot be UCS2 and is refused with
 *       ESME_RINVMSGLEN (the length is what is wrong, not the coding).</li>
 *   <li>15, KS C 5601 in SMPP 3.4, but Chinese carriers use 15 for GBK: decoded with GB18030, a superset
 *       of Java's "GBK" (which is Microsoft's CP936) that also reads the 4-byte sequences newer handsets
 *       send for characters outside GBK.</li>
 * </ul>
 * Any other coding (binary 2/4, message-class codings such as 0xF0, ...) is refused with ESME_RINVDCS.
 *
 * <p>With esm_class UDHI set, the payload starts with a user data header (a subscriber's own concatenated
 * message): its length octet is read and the header skipped; this part alone is decoded. A header longer
 * than the payload is refused with ESME_RINVMSGLEN: the short_message length contradicts its content.
 */
public final class TextDecoder {

    public static final int CODING_DEFAULT = 0;
    public static final int CODING_IA5 = 1;
    public static final int CODING_LATIN1 = 3;
    public static final int CODING_UCS2 = 8;
    public static final int CODING_GBK = 15;

    private static final byte UDHI = 0x40;

    /** null when the runtime lacks the jdk.charsets module (a trimmed jlink image): coding 15 is refused. */
    private static final Charset GBK = gbk();

    private TextDecoder() {
    }

    /** Decodes {@code message}'s payload. */
    public static DecodeResult decode(InboundMessage message) {
        return decode(message.esmClass(), message.dataCoding(), message.payload());
    }

    /**
     * Decodes {@code payload} (short_message or message_payload; {@code null} reads as empty).
     *
     * @param esmClass esm_class as received: bit 6 (UDHI) says a user data header comes first
     * @param dataCoding data_coding as received
     */
    public static DecodeResult decode(byte esmClass, byte dataCoding, byte[] payload) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        int offset = 0;
        if ((esmClass & UDHI) != 0) {
            if (bytes.length == 0) {
                return new DecodeResult.Rejected(Acceptance.UDH_ON_EMPTY_MESSAGE);
            }
            int headerLength = 1 + (bytes[0] & 0xFF);
            if (headerLength > bytes.length) {
                return new DecodeResult.Rejected(Acceptance.UDH_LONGER_THAN_MESSAGE);
            }
            offset = headerLength;
        }
        int length = bytes.length - offset;
        return switch (dataCoding & 0xFF) {
            case CODING_DEFAULT -> text(Gsm7Alphabet.decode(bytes, offset, length));
            case CODING_IA5 -> text(new String(bytes, offset, length, StandardCharsets.US_ASCII));
            case CODING_LATIN1 -> text(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
            case CODING_UCS2 -> (length & 1) != 0
                    ? new DecodeResult.Rejected(Acceptance.ODD_LENGTH_UCS2)
                    : text(ucs2(bytes, offset, length));
            case CODING_GBK -> GBK == null
                    ? new DecodeResult.Rejected(Acceptance.GBK_NOT_AVAILABLE)
                    : text(new String(bytes, offset, length, GBK));
            default -> new DecodeResult.Rejected(Acceptance.UNSUPPORTED_CODING);
        };
    }

    /**
     * UTF-16BE code unit by code unit. Java's UTF-16BE charset swallows the unit after a lone high
     * surrogate; here only the lone surrogate itself becomes U+FFFD and the rest of the text survives.
     */
    private static String ucs2(byte[] bytes, int offset, int length) {
        char[] units = new char[length / 2];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) (((bytes[offset + 2 * i] & 0xFF) << 8) | (bytes[offset + 2 * i + 1] & 0xFF));
        }
        for (int i = 0; i < units.length; i++) {
            char c = units[i];
            if (Character.isHighSurrogate(c) && i + 1 < units.length && Character.isLowSurrogate(units[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                units[i] = '\uFFFD';
            }
        }
        return new String(units);
    }

    private static DecodeResult text(String text) {
        return new DecodeResult.Text(text);
    }

    private static Charset gbk() {
        for (String name : new String[] {"GB18030", "GBK"}) {
            if (Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return null;
    }
}
