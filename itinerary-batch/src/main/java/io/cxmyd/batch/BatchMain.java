package io.cxmyd.batch;

import io.cxmyd.batch.redis.StoreWriter;
import io.cxmyd.batch.spark.ItineraryJob;
import io.cxmyd.batch.spark.StoreOutput;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.source.local.DatasetException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code java -jar cxmyd-itinerary-batch.jar --dataset DIR --data-day D --redis URI --hash-key KEY
 * [--master local[*]]} (docs/batch.md): computes data day D for every subscriber and stores the results
 * for {@code itinerary.source: store}. Exit status 0 when stored, 2 for a bad flag or a refused dataset
 * (one line: the flag, or {@code file:line: reason}), 1 when the run failed (Spark, Redis).
 */
public final class BatchMain {

    /** What a run did. */
    public record Report(long subscribers, long events, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "data day stored: %d subscribers, %d events, %.1f s", subscribers, events,
                    seconds);
        }
    }

    /** A flag, the dataset or the day refused: exit status 2, the message on one line. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private BatchMain() {
    }

    public static void main(String[] args) {
        // Spark 4 on Java 17 (netty's direct buffers); the manifest's Add-Opens opens the packages.
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(BatchOptions.USAGE);
            return 0;
        }
        BatchOptions options;
        try {
            options = BatchOptions.parse(args, System::getenv);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(BatchOptions.USAGE);
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("cxmyd-itinerary-batch " + options.dataDay())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", options.rules().zone().getId());
        // Under spark-submit the master comes from it; `java -jar` without --master runs on this machine.
        String master = options.master() != null ? options.master()
                : System.getProperty("spark.master") == null ? "local[*]" : null;
        if (master != null) {
            builder.master(master);
            if (master.startsWith("local")) {
                builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        SparkSession spark = builder.getOrCreate();
        try {
            out.println(run(spark, options));
            return 0;
        } catch (Refused | DatasetException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("itinerary batch failed: " + e);
            return 1;
        } finally {
            spark.stop();
        }
    }

    /**
     * One run on {@code spark}: compute, then store (values, then the marker), then the audit copy.
     *
     * @throws Refused when the dataset has a refused row
     */
    public static Report run(SparkSession spark, BatchOptions options) throws java.io.IOException {
        long started = System.nanoTime();
        Instant clock = options.clock() == null ? Instant.now() : options.clock();
        DataDay day = DataDay.at(options.dataDay().atTime(options.rules().refreshTime())
                .atZone(options.rules().zone()).toInstant(), options.rules());
        // Entries live until the next refresh, counted from the rules' clock (the gateway's `clock:` for a
        // replayed day) and applied on the real one, as the gateway's cache does.
        Duration ttl = Duration.between(clock, day.nextRefresh());
        if (ttl.isNegative() || ttl.isZero()) {
            // A past day replayed (a demo on a pinned clock, a re-run after an outage): its refresh has gone
            // by, so it is kept for one day instead of expiring at once.
            ttl = Duration.ofDays(1);
            System.err.println("--data-day " + options.dataDay() + ": its next refresh (" + day.nextRefresh()
                    + ") is past; its results are kept for 24 h (pin --clock to the gateways' clock to choose)");
        }
        long expireAt = System.currentTimeMillis() + ttl.toMillis();
        ItineraryJob.Outcome outcome = ItineraryJob.run(spark, options);
        if (outcome.refusal() != null) {
            throw new Refused(outcome.refusal());
        }
        StoreOutput.write(outcome, new StoreWriter(options.redisUris(), options.cluster(), expireAt), options.dataDay());
        if (options.audit() != null) {
            StoreOutput.audit(outcome, options.audit(), options.dataDay());
        }
        outcome.results().unpersist();
        return new Report(outcome.subscribers(), outcome.events(), (System.nanoTime() - started) / 1e9);
    }
}
