package io.cxmyd.gateway.sms;

/**
 * The GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet, for unpacked septets: one septet per octet, as
 * SMPP 3.4 carries data_coding 0 in short_message.
 */
final class Gsm7Alphabet {

    private static final char ESCAPE = 0x1B;

    /** The basic table, indexed by septet. 0x1B is the escape to the extension table. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private Gsm7Alphabet() {
    }

    /**
     * Decodes unpacked septets. An octet above 0x7F is not a septet and becomes U+FFFD; an escape followed
     * by a code the extension table lacks shows that code from the basic table (TS 23.038: the receiver
     * "shall display the character shown in the main default 7 bit alphabet table"); a trailing escape
     * is dropped.
     */
    static String decode(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int septet = bytes[i] & 0xFF;
            if (septet > 0x7F) {
                out.append('\uFFFD');
                continue;
            }
            char c = BASIC.charAt(septet);
            if (c != ESCAPE) {
                out.append(c);
                continue;
            }
            if (i + 1 >= end) {
                break;
            }
            int next = bytes[++i] & 0xFF;
            if (next > 0x7F) {
                out.append('\uFFFD');
            } else {
                char extended = extension(next);
                out.append(extended != 0 ? extended : BASIC.charAt(next));
            }
        }
        return out.toString();
    }

    private static char extension(int septet) {
        return switch (septet) {
            case 0x0A -> '\f';
            case 0x14 -> '^';
            case 0x28 -> '{';
            case 0x29 -> '}';
            case 0x2F -> '\\';
            case 0x3C -> '[';
            case 0x3D -> '~';
            case 0x3E -> ']';
            case 0x40 -> '|';
            case 0x65 -> '€';
            default -> 0;
        };
    }
}
