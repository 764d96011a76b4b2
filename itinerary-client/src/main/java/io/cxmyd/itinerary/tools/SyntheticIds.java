package io.cxmyd.itinerary.tools;

import java.util.SplittableRandom;

/**
 * The made-up last four characters of a synthetic subscriber's ID card. A function of the number and the
 * seed alone, not drawn from the generator's random streams, so that adding the column changes no other
 * byte of the dataset, and a demo or test can tell which code to send for a number.
 */
public final class SyntheticIds {

    private SyntheticIds() {
    }

    /**
     * Three digits and a check character, which is {@code X} for about one subscriber in eleven, as on real
     * ID cards (GB 11643: the check character ranges over 0-9 and X).
     */
    public static String last4(long number, long seed) {
        SplittableRandom r = new SplittableRandom(number * 0x9E3779B97F4A7C15L ^ seed);
        int check = r.nextInt(11);
        return String.format("%03d", r.nextInt(1000)) + (check == 10 ? "X" : Integer.toString(check));
    }
}
