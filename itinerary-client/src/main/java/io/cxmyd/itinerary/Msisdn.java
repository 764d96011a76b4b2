package io.cxmyd.itinerary;

import java.util.Objects;

/**
 * A mainland China mobile number, held as its 11 national digits.
 *
 * <p>{@code 13800138000}, {@code 8613800138000}, {@code +8613800138000} and {@code 008613800138000}
 * are one subscriber. {@link #toString()} is masked, so a number that reaches a log line by accident
 * still appears as {@code 138****8000}.
 */
public final class Msisdn {

    private final String digits;

    private Msisdn(String digits) {
        this.digits = digits;
    }

    /**
     * Parses a subscriber address as carriers send it.
     *
     * @throws InvalidMsisdnException when the text is not a mainland mobile number; the message never
     *     holds the text in clear
     */
    public static Msisdn parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.startsWith("0086")) {
            s = s.substring(4);
        } else if (s.length() == 13 && s.startsWith("86")) {
            s = s.substring(2);
        }
        if (!isNationalMobile(s)) {
            throw InvalidMsisdnException.notMobile(text);
        }
        return new Msisdn(s);
    }

    /** Whether {@code text} parses as a mainland mobile number. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidMsisdnException | NullPointerException e) {
            return false;
        }
    }

    private static boolean isNationalMobile(String s) {
        if (s.length() != 11 || s.charAt(0) != '1' || s.charAt(1) < '3' || s.charAt(1) > '9') {
            return false;
        }
        for (int i = 2; i < 11; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The 11 national digits, in clear: for the data path only, never for logs or metrics. */
    public String digits() {
        return digits;
    }

    /** The first three digits (the number segment, 号段). */
    public String prefix() {
        return digits.substring(0, 3);
    }

    /**
     * Numbers of the mobile virtual network operators (虚拟运营商): segments 162, 165, 167, 170 and 171.
     * FAQ 14: "虚拟运营商手机号查询不完全支持".
     */
    public boolean isVirtualOperator() {
        return switch (prefix()) {
            case "162", "165", "167", "170", "171" -> true;
            default -> false;
        };
    }

    /** First three and last four digits, as the service shows it: {@code 138****1234}. */
    public String masked() {
        return mask(digits);
    }

    /**
     * Masks any address-like text for logs: the first three and last four characters survive,
     * everything between becomes {@code ****}. Short texts are masked whole.
     */
    public static String mask(String text) {
        if (text == null) {
            return "null";
        }
        String s = text.strip();
        if (s.length() < 8) {
            return "****";
        }
        return s.substring(0, 3) + "****" + s.substring(s.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msisdn other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
