package io.cxmyd.gateway.smpp.client;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The text encodings the client sends and understands. Pure. */
final class MessageText {

    static final byte DEFAULT = 0;
    static final byte LATIN1 = 3;
    static final byte UCS2 = 8;
    static final byte GBK = 15;

    private MessageText() {
    }

    /** data_coding 0 when the text is plain ASCII (what a handset sends for "CXMYD"), else UCS2. */
    static byte dataCodingFor(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return UCS2;
            }
        }
        return DEFAULT;
    }

    static byte[] encode(String text, byte dataCoding) {
        return text.getBytes(charset(dataCoding));
    }

    /**
     * Decodes with the charset of {@code dataCoding}. data_coding 0 is the SMSC default alphabet; for the
     * ASCII letters and digits the gateway sends it coincides with ASCII, which is what is assumed here.
     */
    static String decode(byte[] bytes, byte dataCoding) {
        return new String(bytes, charset(dataCoding));
    }

    private static Charset charset(byte dataCoding) {
        return switch (dataCoding) {
            case UCS2 -> StandardCharsets.UTF_16BE;
            case LATIN1 -> StandardCharsets.ISO_8859_1;
            case GBK -> Charset.forName("GBK");
            default -> StandardCharsets.US_ASCII;
        };
    }
}
