package io.cxmyd.gateway.redis;

import io.cxmyd.itinerary.cache.RedisClientOptions;
import io.cxmyd.itinerary.cache.RedisConnector;
import io.cxmyd.itinerary.cache.RedisEndpoints;
import io.cxmyd.itinerary.cache.RedisLink;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own Redis connection (the stream journal and the shared consent state), apart from the
 * itinerary cache's: a cache may skip Redis, these may not, so their timeouts differ. Configured as
 * deliberately as the cache's ({@code io.cxmyd.itinerary.cache.RedisTier}, docs/cache.md): a bounded
 * command timeout, commands refused at once while disconnected (never buffered until a reconnect), a
 * bounded request queue, TCP keepalive, a reconnect backoff capped at a second. lettuce multiplexes, so one
 * connection serves every thread; no command here blocks on the server (no BLOCK, no WATCH).
 *
 * <p>Connects in the background and again after a failure: until connected, {@link #commands()} is
 * {@code null} and callers refuse what needs Redis, so a gateway starts while Redis is down.
 */
public final class GatewayRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayRedis.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Far above the commands in flight of a gateway (its SMPP windows), far below memory trouble. */
    private static final int REQUEST_QUEUE = 10_000;

    private final RedisConnector connector;
    private final String where;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile RedisLink connection;
    private volatile boolean closed;

    private GatewayRedis(RedisEndpoints redis, Duration commandTimeout) {
        // Exact state (journal, consent, limits, leases): always from the masters, never from a replica.
        this.connector = RedisConnector.create(redis, new RedisConnector.Settings(CONNECT_TIMEOUT, commandTimeout,
                REQUEST_QUEUE, RETRY, false));
        this.where = connector.where();
    }

    /**
     * Starts connecting to {@code redis} (one server or a cluster); commands then complete or fail within
     * {@code commandTimeout}.
     */
    public static GatewayRedis start(RedisEndpoints redis, Duration commandTimeout) {
        GatewayRedis r = new GatewayRedis(redis, commandTimeout);
        r.connect();
        return r;
    }

    /** One server at {@code redis}. */
    public static GatewayRedis start(java.net.URI redis, Duration commandTimeout) {
        return start(RedisEndpoints.standalone(redis.toString()), commandTimeout);
    }

    static ClientOptions clientOptions(Duration commandTimeout) {
        // Buffered or slow commands would hold a PDU thread (a query's accept): failing fast lets the carrier
        // hear ESME_RX_T_APPN at once and retry.
        return RedisClientOptions.of(CONNECT_TIMEOUT, commandTimeout, REQUEST_QUEUE);
    }

    /**
     * The commands of the connection, or {@code null} while there is none (callers refuse, never wait). The
     * same type on one server and on a cluster: a script must name every key it touches, and keys one
     * script touches together need a hash tag ({@link RedisLink}).
     */
    public RedisClusterAsyncCommands<String, String> commands() {
        RedisLink c = connection;
        return c == null ? null : c.async();
    }

    /** The connection, or {@code null} while there is none: for {@link RedisLink#masterOf} (WAIT). */
    RedisLink link() {
        return connection;
    }

    /** True on a Redis Cluster. */
    public boolean cluster() {
        return connector.endpoints().cluster();
    }

    /** For log lines: {@code redis host:port}, never a password. */
    public String where() {
        return where;
    }

    private void connect() {
        if (closed || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            connector.connectAsync().whenComplete((conn, error) -> {
                connecting.set(false);
                if (error == null && !closed) {
                    connection = conn;
                    log.info("{}: connected (journal stream, consent state)", where);
                } else if (error == null) {
                    conn.closeAsync();
                } else {
                    log.warn("{}: cannot connect, retrying every {} s: {}", where, RETRY.toSeconds(), error.toString());
                    retryLater();
                }
            });
        } catch (RuntimeException e) {
            connecting.set(false);
            log.warn("{}: cannot connect: {}", where, e.toString());
            retryLater();
        }
    }

    private void retryLater() {
        if (!closed) {
            connector.scheduler().schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        RedisLink c = connection;
        if (c != null) {
            c.close();
        }
        connector.close();
    }
}
