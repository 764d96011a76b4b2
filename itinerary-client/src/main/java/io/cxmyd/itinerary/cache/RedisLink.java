package io.cxmyd.itinerary.cache;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to the product's Redis, a single server or a cluster, seen the same way: {@link #async()}
 * gives the commands both have (a cluster routes each by its key's slot, follows MOVED/ASK and refreshes
 * its topology by itself). What differs is said here once:
 * <ul>
 *   <li>a script or multi-key command must name keys of one slot: give keys used together a hash tag
 *       ({@code cxmyd:v1:binds:{china-mobile}} and {@code ...:{china-mobile}:members});</li>
 *   <li>{@code WAIT} counts the replicas that have the writes <em>of the connection it is sent on</em>: on a
 *       cluster, send the write and the WAIT through {@link #masterOf(String)}.</li>
 * </ul>
 */
public final class RedisLink implements AutoCloseable {

    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> async;
    private final StatefulRedisClusterConnection<String, String> cluster;
    private final RedisClusterClient clusterClient;
    private final java.util.concurrent.atomic.AtomicLong lastRefresh = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() - RedisConnector.ADAPTIVE_REFRESH_GAP.toNanos());

    private RedisLink(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> async,
            StatefulRedisClusterConnection<String, String> cluster, RedisClusterClient clusterClient) {
        this.connection = connection;
        this.async = async;
        this.cluster = cluster;
        this.clusterClient = clusterClient;
    }

    static RedisLink standalone(StatefulRedisConnection<String, String> c) {
        return new RedisLink(c, c.async(), null, null);
    }

    static RedisLink cluster(StatefulRedisClusterConnection<String, String> c, RedisClusterClient client) {
        return new RedisLink(c, c.async(), c, client);
    }

    /** The commands; thread-safe (lettuce multiplexes one connection per node). */
    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    public boolean isCluster() {
        return cluster != null;
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /**
     * The commands of the connection to the master that serves {@code key}'s slot now, for a write that a
     * {@code WAIT} must follow on the same connection. On one server, {@link #async()}. A command sent here
     * is not redirected: after a failover it fails (MOVED, or disconnected) and the topology is refreshed,
     * so the next call reaches the new master.
     */
    public CompletableFuture<RedisClusterAsyncCommands<String, String>> masterOf(String key) {
        if (cluster == null) {
            return CompletableFuture.completedFuture(async);
        }
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            topologyMayHaveChanged();
            return CompletableFuture.failedFuture(new IllegalStateException("no master known for the slot of " + key));
        }
        // By host and port, as lettuce's own slot routing does: the same pooled connection its writes use.
        return cluster.getConnectionAsync(master.getUri().getHost(), master.getUri().getPort())
                .thenApply(StatefulRedisConnection::async);
    }

    /**
     * A hint after a command sent through {@link #masterOf} failed: re-read the topology, at most once per
     * {@link RedisConnector#ADAPTIVE_REFRESH_GAP}. Unthrottled, every refused accept of a failover asked for
     * one: hundreds per second, and the routing took 30 s instead of a fraction of one to settle.
     */
    public void topologyMayHaveChanged() {
        if (clusterClient == null) {
            return;
        }
        long now = System.nanoTime();
        long last = lastRefresh.get();
        if (now - last >= RedisConnector.ADAPTIVE_REFRESH_GAP.toNanos() && lastRefresh.compareAndSet(last, now)) {
            clusterClient.refreshPartitionsAsync();
        }
    }

    public void closeAsync() {
        connection.closeAsync();
    }

    @Override
    public void close() {
        connection.close();
    }
}
