package io.cxmyd.batch;

import io.cxmyd.itinerary.rules.RulesOptions;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The job's command line (docs/batch.md), validated when parsed; a message names the flag, the rule and
 * the bad value, never the hash key.
 *
 * @param dataset the dataset's folder (local, or any Hadoop file system URI)
 * @param dataDay D
 * @param redisUris one Redis URI, or the seeds of a Redis Cluster when {@code cluster}
 * @param hashKey the keyed hash's secret: the gateway's {@code itinerary.store.hashKey}
 * @param master Spark's master, or null for spark-submit's
 * @param rules the rules' tunables, as in the gateway's {@code itinerary} block
 * @param carriers the carrier ids subscribers.csv may name (empty: any well-formed id)
 * @param clock the instant the store's expiry counts from (the gateway's {@code clock}); null: now
 * @param audit where to write the results as Parquet too, or null
 * @param partitions shuffle partitions, or 0 for Spark's default
 */
public record BatchOptions(String dataset, LocalDate dataDay, List<String> redisUris, boolean cluster,
        String hashKey, String master, RulesOptions rules, Set<String> carriers, Instant clock, String audit,
        int partitions) {

    public static final String USAGE = "usage: java -jar cxmyd-itinerary-batch.jar --dataset DIR --data-day YYYY-MM-DD "
            + "(--redis URI | --redis-cluster URI,URI...) --hash-key KEY [--master local[*]]\n"
            + "  [--window-days 7] [--new-account-days 7] [--refresh-time 08:00] [--zone Asia/Shanghai]\n"
            + "  [--bounce-tolerance 30m] [--carriers id,id] [--clock 2026-11-21T07:00:00+08:00] [--audit DIR] [--partitions N]\n"
            + "  the hash key may also come from the environment: --hash-key env:CXMYD_HASH_KEY";

    /** Parses the command line; throws {@link IllegalArgumentException} naming the flag. */
    public static BatchOptions parse(String[] args, java.util.function.Function<String, String> env) {
        String dataset = null;
        LocalDate day = null;
        List<String> redis = null;
        boolean cluster = false;
        String hashKey = null;
        String master = null;
        RulesOptions rules = RulesOptions.defaults();
        Set<String> carriers = Set.of();
        Instant clock = null;
        String audit = null;
        int partitions = 0;
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + ": missing value");
            }
            String v = args[i + 1];
            try {
                switch (flag) {
                    case "--dataset" -> dataset = v;
                    case "--data-day" -> day = LocalDate.parse(v);
                    case "--redis" -> redis = List.of(v);
                    case "--redis-cluster" -> {
                        redis = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                        cluster = true;
                    }
                    case "--hash-key" -> hashKey = v.startsWith("env:") ? env.apply(v.substring(4)) : v;
                    case "--master" -> master = v;
                    case "--window-days" -> rules = rules.withWindowDays(Integer.parseInt(v));
                    case "--new-account-days" -> rules = rules.withNewAccountDays(Integer.parseInt(v));
                    case "--refresh-time" -> rules = rules.withRefreshTime(LocalTime.parse(v));
                    case "--zone" -> rules = rules.withZone(ZoneId.of(v));
                    case "--bounce-tolerance" -> rules = rules.withBounceTolerance(minutes(v));
                    case "--carriers" -> carriers = Set.of(v.split(","));
                    case "--clock" -> clock = OffsetDateTime.parse(v).toInstant();
                    case "--audit" -> audit = v;
                    case "--partitions" -> partitions = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException(flag + ": unknown flag");
                }
            } catch (DateTimeException | NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": not a valid value \"" + v + "\"");
            } catch (IllegalArgumentException e) {
                throw e.getMessage() != null && e.getMessage().startsWith(flag) ? e
                        : new IllegalArgumentException(flag + ": " + e.getMessage());
            }
        }
        if (dataset == null) {
            throw new IllegalArgumentException("--dataset: required");
        }
        if (day == null) {
            throw new IllegalArgumentException("--data-day: required");
        }
        if (redis == null || redis.isEmpty()) {
            throw new IllegalArgumentException("--redis: required (or --redis-cluster)");
        }
        for (String uri : redis) {
            if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
                throw new IllegalArgumentException((cluster ? "--redis-cluster" : "--redis")
                        + ": not a redis:// URI \"" + uri + "\"");
            }
        }
        if (hashKey == null || hashKey.length() < 16) {
            throw new IllegalArgumentException("--hash-key: at least 16 characters, was "
                    + (hashKey == null ? "missing" : hashKey.length()));
        }
        if (partitions < 0 || partitions > 100_000) {
            throw new IllegalArgumentException("--partitions: between 1 and 100000, was " + partitions);
        }
        return new BatchOptions(dataset, day, redis, cluster, hashKey, master, rules, carriers, clock, audit,
                partitions);
    }

    /**
     * The product's one duration syntax, as the gateway's config and flags take it (docs/configuration.md):
     * a whole number and ms, s, m, h or d. A bare number is refused: it could be minutes or seconds.
     */
    private static Duration minutes(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)")
                .matcher(v.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--bounce-tolerance: must be a duration such as 500ms, 30s, 10m, 2h,"
                    + " was \"" + v + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Override
    public String toString() {
        return "BatchOptions[dataset=" + dataset + ", dataDay=" + dataDay + ", redis=" + redisUris.size()
                + (cluster ? " cluster seeds" : "") + ", master=" + master + "]"; // never the hash key
    }
}
