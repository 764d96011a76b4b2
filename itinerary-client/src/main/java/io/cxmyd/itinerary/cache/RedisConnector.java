package io.cxmyd.itinerary.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one place that turns {@link RedisEndpoints} into a lettuce connection, for every Redis user of the
 * product (the itinerary cache, the gateway's journal, consent, limits, web codes, bind leases): one server
 * through {@link RedisClient}, a Redis Cluster through {@link RedisClusterClient}, both with the options of
 * {@link RedisClientOptions} (bounded timeouts, commands refused while disconnected, bounded queue; see
 * docs/cache.md). Callers see a {@link RedisLink} either way.
 *
 * <p>On a cluster, lettuce leaves topology refresh off by default: a failover would then be noticed only
 * by the commands failing. Here it is on, on purpose ({@link #topologyRefresh()}).
 */
public final class RedisConnector implements AutoCloseable {

    /** How often each instance re-reads the cluster's topology (CLUSTER NODES on a few nodes: cheap). */
    static final Duration TOPOLOGY_PERIOD = Duration.ofSeconds(10);
    /**
     * At most one adaptive refresh per second (lettuce's default is one per 30 s): a failover moves a third
     * of the slots at once and the refresh that follows must not wait half a minute.
     */
    static final Duration ADAPTIVE_REFRESH_GAP = Duration.ofSeconds(1);
    /** Reconnect attempts to one node before they count as a topology change (lettuce's default is 5). */
    static final int RECONNECTS_BEFORE_REFRESH = 3;
    /** MOVED/ASK hops one command may follow; lettuce's default, kept explicit. */
    static final int MAX_REDIRECTS = 5;

    /**
     * @param connectTimeout TCP connect and handshake bound
     * @param commandTimeout every command's answer bound
     * @param requestQueueSize commands waiting at most per connection
     * @param retryInterval the longest wait between reconnect attempts
     * @param readFromReplicas on a cluster, reads (GET) go to a replica when one is up: only for data whose
     *     stale read is harmless (the itinerary cache), never for state that must be exact
     */
    public record Settings(Duration connectTimeout, Duration commandTimeout, int requestQueueSize,
            Duration retryInterval, boolean readFromReplicas) {
    }

    private final RedisEndpoints endpoints;
    private final Settings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisClusterClient clusterClient;
    private final List<RedisURI> uris;

    private RedisConnector(RedisEndpoints endpoints, Settings settings) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // lettuce's default backs off to 30 s; a Redis that came back should be used within the interval.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), settings.retryInterval(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.uris = endpoints.redisUris();
        // The URI's timeout bounds the connection handshake (HELLO, CLIENT SETNAME, CLUSTER NODES), which
        // runs in the background, never on a caller's command.
        uris.forEach(u -> u.setTimeout(settings.connectTimeout()));
        ClientOptions options = RedisClientOptions.of(settings.connectTimeout(), settings.commandTimeout(),
                settings.requestQueueSize());
        if (endpoints.cluster()) {
            this.client = null;
            this.clusterClient = RedisClusterClient.create(resources, uris);
            this.clusterClient.setOptions(ClusterClientOptions.builder(options)
                    .maxRedirects(MAX_REDIRECTS)
                    .topologyRefreshOptions(topologyRefresh())
                    .build());
        } else {
            this.client = RedisClient.create(resources);
            this.client.setOptions(options);
            this.clusterClient = null;
        }
    }

    public static RedisConnector create(RedisEndpoints endpoints, Settings settings) {
        return new RedisConnector(endpoints, settings);
    }

    /**
     * Periodic refresh every {@link #TOPOLOGY_PERIOD}, and adaptive refresh on every trigger lettuce knows
     * (MOVED, ASK, persistent reconnects, an uncovered slot, an unknown node), at most once per
     * {@link #ADAPTIVE_REFRESH_GAP}; stale node connections closed.
     */
    static ClusterTopologyRefreshOptions topologyRefresh() {
        return ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(TOPOLOGY_PERIOD)
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_GAP)
                .refreshTriggersReconnectAttempts(RECONNECTS_BEFORE_REFRESH)
                .closeStaleConnections(true)
                .dynamicRefreshSources(true)
                .build();
    }

    /** One connect attempt; completes with the link or fails (the caller retries, see {@link #scheduler()}). */
    public CompletableFuture<RedisLink> connectAsync() {
        if (clusterClient != null) {
            // lettuce's connectAsync needs the topology read first (its sync connect does that itself).
            return clusterClient.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(read -> clusterClient.connectAsync(StringCodec.UTF8)).thenApply(c -> {
                if (settings.readFromReplicas()) {
                    // A cache entry read from a replica a few ms behind is at worst a miss.
                    c.setReadFrom(ReadFrom.REPLICA_PREFERRED);
                }
                return c;
            }).thenCompose(this::warm);
        }
        return client.connectAsync(StringCodec.UTF8, uris.get(0)).thenApply(RedisLink::standalone).toCompletableFuture();
    }

    /**
     * Opens the node connections before the link is handed out: lettuce opens them lazily, at a node's first
     * command, and a connect plus handshake does not fit in a 100 ms command timeout, so the first reads of
     * each replica would fail. Masters for writes, replicas for reads when those go to replicas. A node that
     * does not answer is left to lettuce (it connects at the first command).
     */
    private CompletableFuture<RedisLink> warm(StatefulRedisClusterConnection<String, String> c) {
        List<CompletableFuture<?>> opening = new java.util.ArrayList<>();
        for (RedisClusterNode node : c.getPartitions()) {
            boolean master = node.is(RedisClusterNode.NodeFlag.UPSTREAM);
            if (master || settings.readFromReplicas()) {
                opening.add(c.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort(),
                        master ? ConnectionIntent.WRITE : ConnectionIntent.READ).exceptionally(e -> null));
            }
        }
        return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                .thenApply(opened -> RedisLink.cluster(c, clusterClient));
    }

    /** lettuce's timer, for the callers' own retries and probes (never for blocking work). */
    public ScheduledExecutorService scheduler() {
        return resources.eventExecutorGroup();
    }

    /** For log lines: the endpoints, never a password. */
    public String where() {
        return endpoints.toString();
    }

    public RedisEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        if (clusterClient != null) {
            clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } else {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
