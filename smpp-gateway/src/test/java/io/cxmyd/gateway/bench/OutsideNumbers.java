package io.cxmyd.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The subscriber numbers the outside load tools ({@link OutsideLoad}, {@link OutsideSmscLoad}) send from: the
 * first column of a dataset's {@code subscribers.csv} or a range, sorted and distinct, so that a reply's
 * destination finds its number's index by binary search.
 */
final class OutsideNumbers {

    private final long[] numbers;
    private final String[] text;

    private OutsideNumbers(long[] sortedDistinct) {
        this.numbers = sortedDistinct;
        this.text = Arrays.stream(sortedDistinct).mapToObj(Long::toString).toArray(String[]::new);
    }

    /** {@code --numbers-range} when given, else the first {@code --numbers-limit} of {@code --numbers-from}. */
    static OutsideNumbers of(OutsideLoad.Options o) throws IOException {
        return new OutsideNumbers(o.numbersRange() != null ? range(o.numbersRange(), o.numbersLimit())
                : fromCsv(o.numbersFrom(), o.numbersLimit()));
    }

    int size() {
        return numbers.length;
    }

    String text(int index) {
        return text[index];
    }

    /** The index of a number written in digits only, or -1 (not one of ours, or not digits). */
    int indexOf(String number) {
        if (number == null || number.isEmpty() || number.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        int i = Arrays.binarySearch(numbers, n);
        return i < 0 ? -1 : i;
    }

    /** The first column of subscribers.csv (header skipped), its first {@code limit} (0: all), sorted, distinct. */
    static long[] fromCsv(Path file, int limit) throws IOException {
        long[] all = new long[1 << 14];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null && (limit == 0 || n < limit)) {
                int comma = line.indexOf(',');
                String first = (comma < 0 ? line : line.substring(0, comma)).strip();
                if (first.isEmpty() || !Character.isDigit(first.charAt(0))) {
                    continue; // the header
                }
                if (n == all.length) {
                    all = Arrays.copyOf(all, n * 2);
                }
                all[n++] = Long.parseLong(first);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no subscriber in " + file);
        }
        return Arrays.stream(all, 0, n).sorted().distinct().toArray();
    }

    /** {@code FIRST-LAST}, both included, at most {@code limit} of them (0: all). */
    static long[] range(String spec, int limit) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("--numbers-range: FIRST-LAST, was '" + spec + "'");
        }
        long a = Long.parseLong(spec.substring(0, dash).strip());
        long b = Long.parseLong(spec.substring(dash + 1).strip());
        long count = b - a + 1;
        if (count < 1 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--numbers-range: LAST below FIRST or too many, was " + spec);
        }
        if (limit > 0) {
            count = Math.min(count, limit);
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = a + i;
        }
        return out;
    }
}
