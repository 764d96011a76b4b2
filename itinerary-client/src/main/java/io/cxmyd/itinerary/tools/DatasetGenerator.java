package io.cxmyd.itinerary.tools;

import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic local dataset (docs/dataset.md) for demos, tests and benchmarks: commuters, business
 * trips, train journeys with short stops, border cells flapping between two cities, trips abroad, silent
 * phones, new accounts, port-ins and virtual-operator numbers, on the real division codes. The same
 * options give the same bytes.
 *
 * <pre>
 * java -cp itinerary-client/target/classes io.cxmyd.itinerary.tools.DatasetGenerator \
 *     --out /tmp/data --subscribers 1000000 --days 7 --end 2026-11-21 --seed 1
 * </pre>
 *
 * <p>With {@code --id-hash-key SECRET} subscribers.csv also carries {@code id_last4_hash}, for the
 * {@code id-last4} verification step; the clear ID ends are never written, and are recomputed for tests and
 * demos by {@link SyntheticIds#last4}.
 */
public final class DatasetGenerator {

    /** Subscribers whose events are sorted and written together: bounds the memory of a big run. */
    private static final int BATCH = 8192;

    /**
     * What was written.
     *
     * @param subscribers rows of subscribers.csv
     * @param events rows of signaling.csv
     * @param cells rows of cells.csv
     */
    public record Summary(long subscribers, long events, int cells) {
    }

    private DatasetGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.println(GeneratorOptions.USAGE);
            return;
        }
        GeneratorOptions options;
        try {
            options = GeneratorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            // One line: the option and what is wrong with it; the usage is one --help away.
            System.err.println(e.getMessage() + " (java -cp cxmyd-gateway.jar io.cxmyd.itinerary.tools.DatasetGenerator"
                    + " --help)");
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Summary s = generate(options);
        System.out.printf("wrote %d subscribers, %d events, %d cells to %s in %.1f s%n", s.subscribers(), s.events(),
                s.cells(), options.out().toAbsolutePath(), (System.nanoTime() - started) / 1e9);
    }

    /** Writes cells.csv, subscribers.csv and signaling.csv into {@code options.out()}. */
    public static Summary generate(GeneratorOptions options) throws IOException {
        Files.createDirectories(options.out());
        CellPlan plan = new CellPlan(AreaCatalog.standard());
        writeCells(plan, options.out().resolve("cells.csv"));
        List<Showcase.Entry> showcase = options.showcase() ? Showcase.entries(options.end()) : List.of();
        Set<Long> reserved = new HashSet<>();
        showcase.forEach(e -> reserved.add(e.number()));
        long events = 0;
        try (RowWriter subscribers = writer(options.out().resolve("subscribers.csv"));
                RowWriter signaling = writer(options.out().resolve("signaling.csv"))) {
            IdLast4Hash ids = options.idHashKey() == null ? null : new IdLast4Hash(options.idHashKey());
            subscribers.text(ids == null ? "msisdn,carrier,activated_on,ported_on\n"
                    : "msisdn,carrier,activated_on,ported_on,id_last4_hash\n");
            signaling.text("msisdn,time,cell_id\n");
            events += writeShowcase(showcase, plan, options.end(), subscribers, signaling, ids, options.seed());

            long firstDay = options.end().toEpochDay() - options.days() + 1;
            Itineraries itineraries = new Itineraries(plan, firstDay, options.end().toEpochDay());
            Population population = new Population(options.seed(), options.end(), options.days(), reserved);
            SplittableRandom eventRandom = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
            EventBuffer buffer = new EventBuffer();
            long[] numbers = new long[BATCH];
            for (int done = 0; done < options.subscribers(); done += BATCH) {
                int batch = Math.min(BATCH, options.subscribers() - done);
                buffer.clear();
                for (int i = 0; i < batch; i++) {
                    SyntheticSubscriber s = population.next();
                    numbers[i] = s.number();
                    writeSubscriber(subscribers, s.number(), s.carrier(), s.activatedOn(), s.portedOn(), ids, options.seed());
                    itineraries.generate(s, i, eventRandom.split(), buffer);
                }
                events += writeEvents(buffer, numbers, plan, signaling);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Summary(options.subscribers() + showcase.size(), events, plan.cellIds.size());
    }

    private static RowWriter writer(Path path) throws IOException {
        return new RowWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
    }

    private static void writeCells(CellPlan plan, Path path) throws IOException {
        try (RowWriter out = writer(path)) {
            out.text("cell_id,area\n");
            for (int i = 0; i < plan.cellIds.size(); i++) {
                out.text(plan.cellIds.get(i)).ch(',').text(plan.cellCodes.get(i)).endRow();
            }
        }
    }

    private static void writeSubscriber(RowWriter out, long number, String carrier, LocalDate activated,
            LocalDate ported, IdLast4Hash ids, long seed) throws IOException {
        out.digits(number, 11).ch(',').text(carrier).ch(',').text(activated.toString()).ch(',');
        if (ported != null) {
            out.text(ported.toString());
        }
        if (ids != null) {
            Msisdn msisdn = Msisdn.parse(String.format("%011d", number));
            out.ch(',').text(ids.hash(msisdn, SyntheticIds.last4(number, seed)));
        }
        out.endRow();
    }

    private static long writeEvents(EventBuffer buffer, long[] numbers, CellPlan plan, RowWriter out)
            throws IOException {
        byte[][] cellBytes = plan.idBytes;
        for (int i : buffer.timeOrder()) {
            int cell = buffer.cells[i];
            out.digits(numbers[buffer.owners[i]], 11).ch(',').time(buffer.times[i], plan.cellOffsets.get(cell))
                    .ch(',').bytes(cellBytes[cell]).endRow();
        }
        return buffer.size;
    }

    private static long writeShowcase(List<Showcase.Entry> showcase, CellPlan plan, LocalDate d,
            RowWriter subscribers, RowWriter signaling, IdLast4Hash ids, long seed) throws IOException {
        EventBuffer buffer = new EventBuffer();
        long[] numbers = new long[Math.max(1, showcase.size())];
        for (int i = 0; i < showcase.size(); i++) {
            Showcase.Entry e = showcase.get(i);
            numbers[i] = e.number();
            writeSubscriber(subscribers, e.number(), e.carrier(), e.activatedOn(), e.portedOn(), ids, seed);
            for (String event : e.events()) {
                String[] parts = event.split(" ");
                long day = d.toEpochDay() + Integer.parseInt(parts[0]);
                long time = day * 86_400 + LocalTime.parse(parts[1]).toSecondOfDay() - CellPlan.BEIJING_OFFSET;
                buffer.add(i, time, plan.cellByName(parts[2]));
            }
        }
        return writeEvents(buffer, numbers, plan, signaling);
    }
}
