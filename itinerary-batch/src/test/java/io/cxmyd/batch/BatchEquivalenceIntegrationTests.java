package io.cxmyd.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.batch.it.LocalSpark;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.cache.RedisServer;
import io.cxmyd.itinerary.cache.StoreOptions;
import io.cxmyd.itinerary.cache.StoreSource;
import io.cxmyd.itinerary.client.ItineraryClientBuilder;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.source.local.DatasetException;
import io.cxmyd.itinerary.source.local.LocalDatasetSource;
import io.cxmyd.itinerary.tools.DatasetGenerator;
import io.cxmyd.itinerary.tools.GeneratorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job computes what the local source computes: for every subscriber of a generated dataset (the
 * generator's border bounces, train stops, trips abroad, silent phones, new and ported accounts, virtual
 * operators, nine days of events so that runs cross the window start, plus the showcase), the lookup
 * answered from the store equals the lookup answered from the local dataset, field by field, at two query
 * times of data day D (the second after midnight, when the query date and so the account rules move on).
 */
class BatchEquivalenceIntegrationTests {

    private static final LocalDate D = LocalDate.of(2026, 11, 21);
    private static final String HASH_KEY = "equivalence-test-key-0123";
    private static final Instant[] QUERIES = {
        Instant.parse("2026-11-21T01:30:00Z"), // 09:30 Beijing on D
        Instant.parse("2026-11-21T23:00:00Z"), // 07:00 Beijing on D+1: still D's data, a day older accounts
    };
    private static final RulesOptions RULES = RulesOptions.defaults();
    private static final AreaCatalog CATALOG = AreaCatalog.standard();

    @TempDir
    static Path tmp;
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static BatchMain.Report job(Path dataset, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--dataset", dataset.toString(), "--data-day", D.toString(),
                "--redis", redis.uri(), "--hash-key", HASH_KEY, "--clock", "2026-11-21T09:30:00+08:00",
                "--partitions", "2"));
        args.addAll(List.of(extra));
        return BatchMain.run(LocalSpark.session(), BatchOptions.parse(args.toArray(String[]::new), k -> null));
    }

    @Test
    void everySubscriberIsAnsweredFromTheStoreAsFromTheLocalSource() throws Exception {
        Path data = tmp.resolve("generated");
        DatasetGenerator.Summary written = DatasetGenerator.generate(
                new GeneratorOptions(data, 10_000, 9, D, 16, true));

        BatchMain.Report report = job(data);

        List<Msisdn> numbers = new ArrayList<>();
        try (Stream<String> lines = Files.lines(data.resolve("subscribers.csv"))) {
            lines.skip(1).forEach(l -> numbers.add(Msisdn.parse(l.substring(0, 11))));
        }
        assertThat(report.subscribers()).isEqualTo(written.subscribers()).isEqualTo(numbers.size());
        assertThat(report.events()).isPositive().isLessThanOrEqualTo(written.events());
        numbers.add(Msisdn.parse("13999999999")); // unknown to the registry
        numbers.add(Msisdn.parse("17099999999")); // unknown, virtual operator

        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        try (ItineraryClient local = ItineraryClientBuilder.forSource(LocalDatasetSource.load(data, CATALOG)).build();
                ItineraryClient store = ItineraryClientBuilder.forSource(StoreSource.start(
                        StoreOptions.redis(redis.uri(), HASH_KEY), CATALOG, () -> DataDay.at(QUERIES[0], RULES))).build()) {
            awaitReady(store);
            for (Instant at : QUERIES) {
                for (Msisdn m : numbers) {
                    LookupResult expected = local.lookup(m, at).get(10, TimeUnit.SECONDS);
                    LookupResult actual = store.lookup(m, at).get(10, TimeUnit.SECONDS);
                    if (!expected.equals(actual)) {
                        differences.add(m.masked() + " at " + at + ": local " + expected + " store " + actual);
                    }
                    outcomes.merge(kind(expected), 1, Integer::sum);
                }
            }
        }
        System.out.printf("equivalence: %d subscribers (+2 unknown) x %d query times, %d events in the span, job %.1f s;"
                + " outcomes %s%n", report.subscribers(), QUERIES.length, report.events(), report.seconds(), outcomes);
        assertThat(differences).isEmpty();
        // The hard cases were there to be compared.
        assertThat(outcomes).containsKeys("found", "nothing_qualified", "no_data", "new_account", "found+ported",
                "found+virtual", "found+abroad");
    }

    private static String kind(LookupResult r) {
        if (r instanceof LookupResult.Found f) {
            if (f.itinerary().nothingQualified()) {
                return "nothing_qualified";
            }
            String k = "found";
            if (f.itinerary().notes().contains(Note.PORTED_RECENTLY)) {
                return k + "+ported";
            }
            if (f.itinerary().notes().contains(Note.VIRTUAL_OPERATOR)) {
                return k + "+virtual";
            }
            return f.itinerary().countries().isEmpty() ? k : k + "+abroad";
        }
        return r instanceof LookupResult.NewAccount ? "new_account"
                : r instanceof LookupResult.NoData ? "no_data" : "unavailable";
    }

    private static void awaitReady(ItineraryClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!client.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the store polls its marker on its own thread; nothing timed is asserted
        }
        assertThat(client.ready()).as("store ready").isTrue();
    }

    @Test
    void malformedRowsAreRefusedWithTheLocalSourcesFileLineAndReason() throws Exception {
        Path demo = Path.of("..", "config", "demo-data");
        String[][] breakages = {
            // file, the lines to append. Two refusals from two stages of the job (a number the registry lacks
            // is found when grouping, a bad time when reading): the first line of the two is the one reported.
            {"signaling.csv", "13912345678,2026-11-18T10:00:00+08:00,C110105-1\n13800138000,yesterday,C110105-1"},
            {"subscribers.csv", "13800138000,china-mobile,2018-01-01,"},
        };
        for (String[] b : breakages) {
            Path dir = Files.createDirectories(tmp.resolve("broken-" + b[0]));
            for (String f : List.of("cells.csv", "subscribers.csv", "signaling.csv")) {
                Files.copy(demo.resolve(f), dir.resolve(f));
            }
            Files.writeString(dir.resolve(b[0]), b[1] + "\n", java.nio.file.StandardOpenOption.APPEND);

            String expected = catchLocal(dir);
            assertThatThrownBy(() -> job(dir)).as(b[1]).isInstanceOf(BatchMain.Refused.class).hasMessage(expected);
        }
    }

    @Test
    void parquetWithTheCsvColumnsGivesTheSameValuesAsTheCsv() throws Exception {
        Path demo = Path.of("..", "config", "demo-data").toAbsolutePath();
        Path pq = Files.createDirectories(tmp.resolve("parquet"));
        Files.copy(demo.resolve("cells.csv"), pq.resolve("cells.csv"));
        org.apache.spark.sql.SparkSession spark = LocalSpark.session();
        spark.read().option("header", "true").csv(demo.resolve("subscribers.csv").toString())
                .withColumn("activated_on", org.apache.spark.sql.functions.col("activated_on").cast("date"))
                .write().parquet(pq.resolve("subscribers.parquet").toString());
        // time as a Parquet timestamp: the job filters D's span at the read.
        spark.read().option("header", "true").csv(demo.resolve("signaling.csv").toString())
                .withColumn("time", org.apache.spark.sql.functions.col("time").cast("timestamp"))
                .write().parquet(pq.resolve("signaling.parquet").toString());

        Map<String, String> fromLocal = localValues(demo);
        Map<String, String> fromParquet = values(pq);

        assertThat(fromParquet).hasSize(fromLocal.size()).isEqualTo(fromLocal);
    }

    private static Map<String, String> values(Path dataset) throws Exception {
        BatchOptions o = BatchOptions.parse(new String[] {"--dataset", dataset.toString(), "--data-day", D.toString(),
            "--redis", redis.uri(), "--hash-key", HASH_KEY, "--partitions", "2"}, k -> null);
        io.cxmyd.batch.spark.ItineraryJob.Outcome out = io.cxmyd.batch.spark.ItineraryJob.run(LocalSpark.session(), o);
        assertThat(out.refusal()).isNull();
        Map<String, String> values = new TreeMap<>();
        for (org.apache.spark.sql.Row r : out.results().select("key", "value").collectAsList()) {
            values.put(r.getString(0), r.getString(1));
        }
        out.results().unpersist();
        return values;
    }

    /** What the local source computes for each registry subscriber, keyed and encoded as the store holds it. */
    private static Map<String, String> localValues(Path dataset) throws Exception {
        DataDay day = DataDay.at(QUERIES[0], RULES);
        io.cxmyd.itinerary.cache.CacheKeys keys = io.cxmyd.itinerary.cache.CacheKeys.withSecret(
                HASH_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        io.cxmyd.itinerary.cache.DayValueCodec codec = new io.cxmyd.itinerary.cache.DayValueCodec(CATALOG);
        io.cxmyd.itinerary.rules.StayCalculator calculator = new io.cxmyd.itinerary.rules.StayCalculator(RULES, CATALOG);
        Map<String, String> values = new TreeMap<>();
        try (LocalDatasetSource source = LocalDatasetSource.load(dataset, CATALOG);
                Stream<String> lines = Files.lines(dataset.resolve("subscribers.csv"))) {
            for (String line : lines.skip(1).toList()) {
                Msisdn m = Msisdn.parse(line.substring(0, 11));
                io.cxmyd.itinerary.source.SubscriberData d = source.fetch(m, day).get().orElseThrow();
                values.put(keys.storeKey(m, D), codec.encode(
                        io.cxmyd.itinerary.cache.DayValue.compute(d.profile(), d.events(), calculator, day)));
            }
        }
        return values;
    }

    private static String catchLocal(Path dir) {
        try {
            LocalDatasetSource.load(dir, CATALOG).close();
        } catch (DatasetException e) {
            return e.getMessage();
        }
        throw new AssertionError("the local source took " + dir);
    }
}
