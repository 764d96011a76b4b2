package io.cxmyd.gateway.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" of an unknown key: the known key within two edits (a letter typed wrong, missing, extra or
 * two swapped: {@code smtp} for {@code smpp}, {@code prot} for {@code port}), ignoring case. Pure.
 */
final class NearestKey {

    private NearestKey() {
    }

    /** The closest of {@code known} to {@code typed} within two edits. */
    static Optional<String> of(String typed, Collection<String> known) {
        return of(typed, known, 2);
    }

    /** The closest of {@code known} to {@code typed} within {@code maxEdits}. */
    static Optional<String> of(String typed, Collection<String> known, int maxEdits) {
        String best = null;
        int bestDistance = maxEdits + 1;
        for (String k : known) {
            int d = distance(typed.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            // Two edits on a three-letter key is another word, not a typo.
            if (d < bestDistance && d < Math.min(typed.length(), k.length())) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edits from a to b: insert, delete, substitute, swap two neighbours (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
