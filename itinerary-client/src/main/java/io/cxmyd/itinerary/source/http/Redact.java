package io.cxmyd.itinerary.source.http;

import io.cxmyd.itinerary.Msisdn;

/**
 * Makes text that came from the platform safe for exception messages and logs. A misbehaving platform may
 * echo a phone number anywhere (an area field, an error page), so any run of seven or more digits is masked
 * and the text is cut short. Area codes (6 digits) and times (4-digit runs) survive as they are.
 */
final class Redact {

    static final int MAX_CHARS = 48;
    private static final int LONGEST_CLEAR_DIGIT_RUN = 6;

    private Redact() {
    }

    static String text(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "..." : s;
        StringBuilder out = new StringBuilder(cut.length());
        int i = 0;
        while (i < cut.length()) {
            int j = i;
            while (j < cut.length() && Character.isDigit(cut.charAt(j))) {
                j++;
            }
            if (j - i > LONGEST_CLEAR_DIGIT_RUN) {
                out.append(Msisdn.mask(cut.substring(i, j)));
                i = j;
            } else if (j > i) {
                out.append(cut, i, j);
                i = j;
            } else {
                char c = cut.charAt(i++);
                out.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return out.toString();
    }
}
