package io.cxmyd.itinerary.tools;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What {@link DatasetGenerator} writes, validated when built.
 *
 * @param out the folder to write the CSV files into (created when missing)
 * @param subscribers how many synthetic subscribers
 * @param days how many days of events, ending with {@code end}
 * @param end the last day with events (inclusive), Beijing time
 * @param seed the same seed gives the same files, byte for byte
 * @param showcase whether to add the hand-written showcase subscribers of docs/demo-data.md, for data day
 *     {@code end} (their events run from {@code end - 9} to the morning of {@code end})
 * @param idHashKey when set, subscribers.csv gains an {@code id_last4_hash} column: every subscriber's
 *     {@link SyntheticIds#last4 synthetic ID end} hashed with this secret ({@link io.cxmyd.itinerary.IdLast4Hash});
 *     {@code null} writes the four columns only, byte for byte as before
 */
public record GeneratorOptions(Path out, int subscribers, int days, LocalDate end, long seed, boolean showcase,
        String idHashKey) {

    public static final String USAGE = """
            usage: java -cp cxmyd-gateway.jar io.cxmyd.itinerary.tools.DatasetGenerator --out DIR [--subscribers N]
                     [--days D] [--end YYYY-MM-DD] [--seed S] [--showcase] [--id-hash-key SECRET]

            Writes a synthetic dataset the gateway's local source reads (docs/dataset.md): cells.csv,
            subscribers.csv and signaling.csv in DIR, the same for the same --seed.

              --out DIR          the folder to write (created when missing)
              --subscribers N    how many subscribers (default 1000)
              --days D           days of signaling, ending on --end (default 7, ending 2026-11-21)
              --seed S           the random seed (default 1)
              --showcase         add the demo numbers of docs/demo-data.md
              --id-hash-key SECRET  write id_last4_hash with this secret (the same as consent.idHashKey)""";

    public GeneratorOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(end, "end");
        if (subscribers < 0 || subscribers > 50_000_000) {
            throw new IllegalArgumentException("subscribers: between 0 and 50000000, was " + subscribers);
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days: between 1 and 366, was " + days);
        }
        if (idHashKey != null && idHashKey.length() < 16) {
            throw new IllegalArgumentException("--id-hash-key: at least 16 characters, was " + idHashKey.length());
        }
    }

    /** Without ID hashes. */
    public GeneratorOptions(Path out, int subscribers, int days, LocalDate end, long seed, boolean showcase) {
        this(out, subscribers, days, end, seed, showcase, null);
    }

    /** Parses the command line of {@link DatasetGenerator#main}. */
    public static GeneratorOptions parse(String... args) {
        Path out = null;
        int subscribers = 1000;
        int days = 7;
        LocalDate end = LocalDate.of(2026, 11, 21);
        long seed = 1;
        boolean showcase = false;
        String idHashKey = null;
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--showcase")) {
                showcase = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(key + ": a value is required");
            }
            String value = args[++i];
            try {
                switch (key) {
                    case "--out" -> out = Path.of(value);
                    case "--subscribers" -> subscribers = Integer.parseInt(value);
                    case "--days" -> days = Integer.parseInt(value);
                    case "--end" -> end = LocalDate.parse(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--id-hash-key" -> idHashKey = value;
                    default -> throw new IllegalArgumentException(key + ": unknown option");
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(key + ": not a valid value \"" + value + "\"");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out: required");
        }
        return new GeneratorOptions(out, subscribers, days, end, seed, showcase, idHashKey);
    }
}
