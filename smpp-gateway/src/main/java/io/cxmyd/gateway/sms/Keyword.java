package io.cxmyd.gateway.sms;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Reads a command from a subscriber's decoded text (gateway-contract.md, SMPP): trimmed, Unicode NFKC (so
 * full-width ＣＸＭＹＤ and the ideographic space U+3000 fold to ASCII), upper-cased with
 * {@link Locale#ROOT}, then matched by prefix. Runs on the PDU thread: no regex, and text made only of ASCII,
 * full-width ASCII forms (U+FF01-U+FF5E) and the ideographic space (what Chinese handsets send in the
 * common case) is folded by a table-free shift that gives exactly what NFKC gives for those characters;
 * only other text pays for {@link Normalizer}.
 */
public final class Keyword {

    /** The query keyword (查询漫游地, as the carriers publish it). */
    public static final String QUERY = "CXMYD";

    private Keyword() {
    }

    /** Parses {@code text} ({@code null} reads as empty). */
    public static Command parse(String text) {
        String normalised = normalise(text);
        if (!normalised.startsWith(QUERY)) {
            return Command.OTHER;
        }
        return new Command.Query(strip(normalised.substring(QUERY.length())));
    }

    /**
     * Parses {@code text} for a carrier with a verification step: as {@link #parse}, and also {@code Y}
     * ({@link Command.Confirm}; any case, full-width Ｙ too), {@code CXMYD#1234} or {@code CXMYD 1234}
     * ({@link Command.Verify}), and the four characters alone ({@code 1234}, {@code 123X}: a bare
     * {@link Command.Verify}). A code is exactly three digits then a digit or X: {@code CXMYD 13900000000}
     * stays a plain query.
     */
    public static Command parseWithConsent(String text) {
        String normalised = normalise(text);
        if (normalised.equals("Y")) {
            return Command.CONFIRM;
        }
        if (!normalised.startsWith(QUERY)) {
            return isCode(normalised) ? new Command.Verify(normalised, true) : Command.OTHER;
        }
        String argument = strip(normalised.substring(QUERY.length()));
        String code = argument.startsWith("#") ? strip(argument.substring(1)) : argument;
        return isCode(code) ? new Command.Verify(code, false) : new Command.Query(argument);
    }

    /** Three ASCII digits, then a digit or X (GB 11643: an ID card's check character). */
    private static boolean isCode(String s) {
        if (s.length() != 4) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        char last = s.charAt(3);
        return last >= '0' && last <= '9' || last == 'X';
    }

    /** The text as the keyword is matched against it: NFKC, trimmed, upper-cased. */
    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String folded = foldWidth(text);
        if (folded == null) {
            folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        }
        return strip(folded).toUpperCase(Locale.ROOT);
    }

    /**
     * NFKC for text of ASCII, full-width ASCII forms and U+3000 only; {@code null} for any other text. The
     * full-width forms are their ASCII counterparts shifted by 0xFEE0 (Unicode's compatibility mappings).
     */
    private static String foldWidth(String text) {
        char[] out = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (out == null) {
                out = text.toCharArray();
            }
            if (c >= '\uFF01' && c <= '\uFF5E') {
                out[i] = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                out[i] = ' ';
            } else {
                return null;
            }
        }
        return out == null ? text : new String(out);
    }

    /**
     * Trims whitespace and the invisible characters some handsets put around a UCS2 text: a byte order
     * mark U+FEFF and the zero-width space U+200B, which NFKC keeps and {@link String#strip()} does not
     * remove.
     */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }
}
