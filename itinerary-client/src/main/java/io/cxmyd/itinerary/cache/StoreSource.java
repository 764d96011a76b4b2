package io.cxmyd.itinerary.cache;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.source.PrecomputedSource;
import io.cxmyd.itinerary.source.SourceException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code itinerary.source: store} (docs/batch.md): each subscriber's value for the data day, as the Spark
 * job computed and stored it in Redis or a Redis Cluster, under the keyed hash of the number.
 *
 * <p>A number the store does not hold is unknown (the no-data reply); a store that is down or slow fails
 * the fetch, which the client answers busy, as for any source. Ready once the job's marker for the current
 * data day is there: the job writes it last, so a half-written day is never served as complete.
 */
public final class StoreSource implements PrecomputedSource {

    private static final Logger log = LoggerFactory.getLogger(StoreSource.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper MARKER_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final StoreOptions options;
    private final CacheKeys keys;
    private final DayValueCodec codec;
    private final Supplier<DataDay> currentDay;
    private final RedisClient client;
    private final RedisClusterClient clusterClient;
    private final ScheduledExecutorService poller;
    private final String where;

    private volatile StatefulConnection<String, String> connection;
    private volatile RedisStringAsyncCommands<String, String> commands;
    private final AreaCatalog catalog;
    private volatile LocalDate readyDay;
    private volatile Set<Integer> riskAreaIds = Set.of();
    private volatile boolean closed;

    private StoreSource(StoreOptions options, AreaCatalog catalog, Supplier<DataDay> currentDay) {
        this.options = options;
        this.keys = options.keys();
        this.codec = new DayValueCodec(catalog);
        this.catalog = catalog;
        this.currentDay = currentDay;
        Duration connect = Duration.ofSeconds(2);
        if (options.cluster()) {
            List<RedisURI> seeds = options.redisUris().stream().map(RedisURI::create).toList();
            this.clusterClient = RedisClusterClient.create(seeds);
            // lettuce opens a node's connection when the first command is routed to it; rejecting commands
            // while disconnected (the product's default) turned each node's first lookup into a busy reply
            // (seen on a 3-node cluster). Queued instead, a command still fails within commandTimeout.
            this.clusterClient.setOptions(ClusterClientOptions.builder(
                    RedisClientOptions.of(connect, options.commandTimeout(), 100_000))
                    .disconnectedBehavior(io.lettuce.core.ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .build());
            this.client = null;
            this.where = "store redis cluster (" + seeds.size() + " seeds)";
        } else {
            RedisURI uri = RedisURI.create(options.redisUris().get(0));
            this.client = RedisClient.create(uri);
            this.client.setOptions(RedisClientOptions.of(connect, options.commandTimeout(), 100_000));
            this.clusterClient = null;
            this.where = "store redis " + uri.getHost() + ":" + uri.getPort();
        }
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cxmyd-store-readiness");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects in the background and looks for the marker of {@code currentDay} (the rules' data day now)
     * every {@link StoreOptions#readinessInterval()}.
     */
    public static StoreSource start(StoreOptions options, AreaCatalog catalog, Supplier<DataDay> currentDay) {
        StoreSource s = new StoreSource(options, catalog, currentDay);
        long every = options.readinessInterval().toMillis();
        s.poller.scheduleWithFixedDelay(s::checkReadiness, 0, every, TimeUnit.MILLISECONDS);
        return s;
    }

    @Override
    public CompletableFuture<Optional<DayValue>> fetchComputed(Msisdn msisdn, DataDay day) {
        RedisStringAsyncCommands<String, String> c = commands;
        if (c == null || closed) {
            return CompletableFuture.failedFuture(new SourceException(SourceException.Kind.CONNECT, where + ": not connected"));
        }
        CompletableFuture<String> reply;
        try {
            reply = c.get(keys.storeKey(msisdn, day.day())).toCompletableFuture();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((json, error) -> {
            if (error != null) {
                log.debug("{}: GET failed: {}", where, error.toString()); // keys are hashes: no number here
                boolean timeout = error instanceof io.lettuce.core.RedisCommandTimeoutException
                        || error.getCause() instanceof io.lettuce.core.RedisCommandTimeoutException;
                throw new SourceException(timeout ? SourceException.Kind.TIMEOUT : SourceException.Kind.CONNECT, where + ": " + error.getClass().getSimpleName());
            }
            if (json == null) {
                return Optional.<DayValue>empty();
            }
            // A value that does not read under this catalog is the store's fault, not the subscriber's.
            return Optional.of(codec.decode(json).orElseThrow(
                    () -> new SourceException(SourceException.Kind.BAD_RESPONSE, where + ": an entry does not read as a day value")));
        });
    }

    /** True once the marker of the current data day has been seen. */
    @Override
    public boolean ready() {
        LocalDate day = readyDay;
        return !closed && day != null && day.equals(currentDay.get().day());
    }

    private void checkReadiness() {
        if (closed) {
            return;
        }
        try {
            if (commands == null) {
                connect();
            }
            LocalDate day = currentDay.get().day();
            String marker = commands.get(CacheKeys.storeMarker(day)).toCompletableFuture()
                    .get(options.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            if (marker != null && !day.equals(readyDay)) {
                log.info("{}: data day {} is complete ({}), serving it", where, day, marker);
                riskAreaIds = riskAreas(marker);
                readyDay = day;
            } else if (marker == null && readyDay != null && !readyDay.equals(day)) {
                log.warn("{}: no results for data day {} yet (the job writes its marker last); not ready", where, day);
                readyDay = null;
            }
        } catch (Exception e) {
            log.debug("{}: readiness check failed: {}", where, e.toString());
        }
    }

    /** The risk list the job read with the day's dataset (risk-areas.csv), carried by the marker. */
    private Set<Integer> riskAreas(String marker) throws java.io.IOException {
        Set<Integer> ids = new java.util.HashSet<>();
        com.fasterxml.jackson.databind.JsonNode risk = MARKER_JSON.readTree(marker).path("risk");
        for (com.fasterxml.jackson.databind.JsonNode code : risk) {
            catalog.resolve(code.asText()).ifPresent(a -> ids.add(a.id()));
        }
        return Set.copyOf(ids);
    }

    /** Display-area ids of the risk list of the day being served. */
    @Override
    public Set<Integer> riskAreaIds() {
        return riskAreaIds;
    }

    private void connect() {
        if (clusterClient != null) {
            StatefulRedisClusterConnection<String, String> c = clusterClient.connect(StringCodec.UTF8);
            connection = c;
            commands = c.async();
        } else {
            StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
            connection = c;
            commands = c.async();
        }
        log.info("{}: connected", where);
    }

    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        StatefulConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } else {
            clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
