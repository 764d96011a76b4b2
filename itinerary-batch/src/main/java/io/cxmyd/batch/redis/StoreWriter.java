package io.cxmyd.batch.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the store's entries (docs/batch.md) to Redis or a Redis Cluster: pipelined (commands sent in
 * batches of {@link #BATCH} with one flush, then awaited together), each entry a plain SET with an
 * absolute expiry (PXAT), so that a re-run of the day replaces every entry it writes and expiry does not
 * depend on when a task ran. Serializable: the Spark job ships it to every executor, each task opening
 * its own connection.
 */
public final class StoreWriter implements Serializable {

    static final int BATCH = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<String> uris;
    private final boolean cluster;
    private final long expireAtMillis;

    /**
     * @param uris one Redis URI, or a Redis Cluster's seeds
     * @param expireAtMillis the entries' expiry, epoch milliseconds: the next refresh
     */
    public StoreWriter(List<String> uris, boolean cluster, long expireAtMillis) {
        this.uris = List.copyOf(uris);
        this.cluster = cluster;
        this.expireAtMillis = expireAtMillis;
    }

    /** An open pipeline; close it to flush and wait for what is left. */
    public Session open() {
        return new Session();
    }

    /** One connection, used by one thread. */
    public final class Session implements AutoCloseable {
        private final RedisClient client;
        private final RedisClusterClient clusterClient;
        private final StatefulConnection<String, String> connection;
        private final RedisStringAsyncCommands<String, String> commands;
        private final List<RedisFuture<?>> pending = new ArrayList<>(BATCH);
        private final SetArgs expiry = SetArgs.Builder.pxAt(expireAtMillis);
        private long written;

        private Session() {
            if (cluster) {
                clusterClient = RedisClusterClient.create(uris.stream().map(RedisURI::create).toList());
                client = null;
                StatefulRedisClusterConnection<String, String> c = clusterClient.connect(StringCodec.UTF8);
                connection = c;
                commands = c.async();
            } else {
                client = RedisClient.create(RedisURI.create(uris.get(0)));
                clusterClient = null;
                StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
                connection = c;
                commands = c.async();
            }
            connection.setTimeout(TIMEOUT);
            connection.setAutoFlushCommands(false);
        }

        public void set(String key, String value) {
            pending.add(commands.set(key, value, expiry));
            if (pending.size() == BATCH) {
                flush();
            }
        }

        /** Sends what is queued and waits for every reply; a failed write fails the task (Spark retries it). */
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            connection.flushCommands();
            if (!LettuceFutures.awaitAll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS,
                    pending.toArray(new RedisFuture<?>[0]))) {
                throw new IllegalStateException("redis: " + pending.size() + " writes not acknowledged within "
                        + TIMEOUT.toSeconds() + " s");
            }
            written += pending.size();
            pending.clear();
        }

        public long written() {
            return written;
        }

        @Override
        public void close() {
            try {
                flush();
            } finally {
                connection.close();
                if (client != null) {
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                } else {
                    clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                }
            }
        }
    }
}
