package io.cxmyd.itinerary.bench.local;

import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.AccountRules;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.StayCalculator;
import io.cxmyd.itinerary.rules.Trip;
import io.cxmyd.itinerary.source.SubscriberData;
import io.cxmyd.itinerary.source.local.LocalDatasetSource;
import io.cxmyd.itinerary.source.local.LocalDatasetStats;
import io.cxmyd.itinerary.tools.DatasetGenerator;
import io.cxmyd.itinerary.tools.GeneratorOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Load and lookup figures of the local dataset (docs/performance.md, "itinerary-client: load and
 * lookup"). A command, not a test: it generates a dataset (1,000,000 subscribers x 7 days, about 50M
 * events, 2.3 GB) in a temporary folder unless {@code --dir} names one, loads it, and reports load time,
 * events per second, the heap the loaded source holds, and uncached lookups per second on one thread
 * (fetch + {@link StayCalculator#compute} + {@link AccountRules#decide}).
 *
 * <pre>
 * MAVEN_OPTS=-Xmx6g mvn -q -pl itinerary-client test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.cxmyd.itinerary.bench.local.LoadBenchmark \
 *     -Dexec.args="--subscribers 1000000 --lookups 2000000"
 * </pre>
 *
 * Options: {@code --dir DIR} (reuse a dataset, kept afterwards), {@code --subscribers N} (1000000),
 * {@code --days D} (7), {@code --seed S} (1), {@code --loads K} (2: the first pays for JIT warm-up),
 * {@code --lookups L} (2000000).
 */
public final class LoadBenchmark {

    private static final Instant CLOCK = Instant.parse("2026-11-21T01:30:00Z");

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        int subscribers = 1_000_000;
        int days = 7;
        long seed = 1;
        int loads = 2;
        int lookups = 2_000_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--subscribers" -> subscribers = Integer.parseInt(args[i + 1]);
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--loads" -> loads = Integer.parseInt(args[i + 1]);
                case "--lookups" -> lookups = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException(args[i] + ": unknown option");
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("machine: %d cores, max heap %d MiB, %s %s%n", rt.availableProcessors(),
                rt.maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        boolean generated = dir == null;
        if (generated) {
            dir = Files.createTempDirectory("cxmyd-load");
            long t0 = System.nanoTime();
            DatasetGenerator.Summary s = DatasetGenerator.generate(
                    new GeneratorOptions(dir, subscribers, days, LocalDate.of(2026, 11, 21), seed, false));
            System.out.printf("generated %,d subscribers, %,d events in %.1f s (%,d MiB of signaling.csv)%n",
                    s.subscribers(), s.events(), (System.nanoTime() - t0) / 1e9,
                    Files.size(dir.resolve("signaling.csv")) >> 20);
        }
        try {
            run(dir, loads, lookups);
        } finally {
            if (generated) {
                deleteTree(dir);
            }
        }
    }

    private static void run(Path dir, int loads, int lookups) throws IOException {
        AreaCatalog catalog = AreaCatalog.standard();
        long baseline = usedHeapAfterGc();
        LocalDatasetSource source = null;
        for (int k = 1; k <= loads; k++) {
            if (source != null) {
                source.close();
                source = null;
                baseline = usedHeapAfterGc();
            }
            resetHeapPeaks();
            source = LocalDatasetSource.load(dir, catalog);
            LocalDatasetStats s = source.stats();
            System.out.printf("load %d: %,d events of %,d subscribers in %.2f s = %,.0f events/s; "
                    + "heap peak while loading <= %,d MiB%n", k, s.events(), s.subscribers(),
                    s.loadTime().toNanos() / 1e9, s.eventsPerSecond(), heapPeaks() >> 20);
        }
        LocalDatasetStats s = source.stats();
        long held = usedHeapAfterGc() - baseline;
        System.out.printf("heap held after load (GC'd, minus the heap before): %,d MiB = %.2f bytes/event%n",
                held >> 20, (double) held / s.events());
        System.out.printf("  arrays: events %.2f B/event (int time + char area), subscribers %.2f B/event "
                + "(%,d B/subscriber: offsets, profile columns, number index)%n",
                (double) s.eventBytes() / s.events(), (double) s.subscriberBytes() / s.events(),
                s.subscriberBytes() / Math.max(1, s.subscribers()));
        lookups(source, dir, catalog, lookups);
        source.close();
    }

    private static void lookups(LocalDatasetSource source, Path dir, AreaCatalog catalog, int lookups)
            throws IOException {
        List<String> numbers = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("subscribers.csv"))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                numbers.add(line.substring(0, line.indexOf(',')));
            }
        }
        RulesOptions rules = RulesOptions.defaults();
        AccountRules accountRules = new AccountRules(rules);
        SplittableRandom random = new SplittableRandom(11);
        long found = 0;
        found += lookupLoop(source, catalog, rules, accountRules, numbers, random, Math.min(lookups, 300_000));
        long t0 = System.nanoTime();
        found += lookupLoop(source, catalog, rules, accountRules, numbers, random, lookups);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("uncached lookups, one thread (parse + fetch + StayCalculator + AccountRules): "
                + "%,.0f lookups/s (%,d in %.2f s; %d found)%n", lookups / seconds, lookups, seconds, found);
    }

    private static long lookupLoop(LocalDatasetSource source, AreaCatalog catalog, RulesOptions rules,
            AccountRules accountRules, List<String> numbers, SplittableRandom random, int n) {
        long found = 0;
        for (int i = 0; i < n; i++) {
            Msisdn msisdn = Msisdn.parse(numbers.get(random.nextInt(numbers.size())));
            DataDay day = DataDay.at(CLOCK, rules);
            Optional<SubscriberData> data = source.fetch(msisdn, day).join();
            Trip trip = data.map(d -> new StayCalculator(rules, catalog).compute(d.events(), day))
                    .orElse(Trip.EMPTY);
            LookupResult result = accountRules.decide(msisdn, data.map(SubscriberData::profile).orElse(null), trip,
                    day, source.riskAreaIds());
            if (result instanceof LookupResult.Found) {
                found++;
            }
        }
        return found;
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * The sum of each heap pool's peak use since {@link #resetHeapPeaks()}: an upper bound of the heap in
     * use at any one moment (the pools peak at different moments), garbage included.
     */
    private static long heapPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
