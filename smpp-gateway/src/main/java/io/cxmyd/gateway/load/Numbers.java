package io.cxmyd.gateway.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** The senders of the load's queries, drawn at random: the numbers of a subscribers.csv, or a range. */
final class Numbers {

    private final long[] numbers;
    private final long first;
    private final long count;

    private Numbers(long[] numbers, long first, long count) {
        this.numbers = numbers;
        this.first = first;
        this.count = count;
    }

    /** The first column of a dataset's subscribers.csv, header skipped; the first {@code limit} (0: all). */
    static Numbers fromCsv(Path file, int limit) throws IOException {
        long[] all = new long[1 << 16];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null && (limit == 0 || n < limit)) {
                int comma = line.indexOf(',');
                String first = comma < 0 ? line : line.substring(0, comma);
                if (first.isEmpty() || !Character.isDigit(first.charAt(0))) {
                    continue; // the header
                }
                if (n == all.length) {
                    all = Arrays.copyOf(all, n * 2);
                }
                all[n++] = Long.parseLong(first.strip());
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("--numbers-from: no subscriber in " + file);
        }
        return new Numbers(Arrays.copyOf(all, n), 0, n);
    }

    /** {@code FIRST-LAST}, both included: 13900000000-13900999999. */
    static Numbers range(String spec) {
        int dash = spec.indexOf('-');
        try {
            long a = Long.parseLong(spec.substring(0, dash).strip());
            long b = Long.parseLong(spec.substring(dash + 1).strip());
            if (b < a) {
                throw new IllegalArgumentException("--numbers-range: LAST below FIRST, was " + spec);
            }
            return new Numbers(null, a, b - a + 1);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--numbers-range: FIRST-LAST, was '" + spec + "'");
        }
    }

    String next() {
        long i = ThreadLocalRandom.current().nextLong(count);
        return Long.toString(numbers != null ? numbers[(int) i] : first + i);
    }

    long size() {
        return count;
    }
}
