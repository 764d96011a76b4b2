package io.cxmyd.gateway.redis;

import io.cxmyd.itinerary.cache.RedisClientOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
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

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final String where;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

    private GatewayRedis(java.net.URI redis, Duration commandTimeout) {
        this.uri = RedisURI.create(redis.toString());
        this.uri.setTimeout(CONNECT_TIMEOUT); // bounds the handshake, which runs in the background
        this.where = "redis " + uri.getHost() + ":" + uri.getPort();
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), RETRY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(clientOptions(commandTimeout));
    }

    /**
     * Starts connecting to {@code redis}; commands then complete or fail within {@code commandTimeout}.
     */
    public static GatewayRedis start(java.net.URI redis, Duration commandTimeout) {
        GatewayRedis r = new GatewayRedis(redis, commandTimeout);
        r.connect();
        return r;
    }

    static ClientOptions clientOptions(Duration commandTimeout) {
        // Buffered or slow commands would hold a PDU thread (a query's accept): failing fast lets the carrier
        // hear ESME_RX_T_APPN at once and retry.
        return RedisClientOptions.of(CONNECT_TIMEOUT, commandTimeout, REQUEST_QUEUE);
    }

    /** The commands of the connection, or {@code null} while there is none (callers refuse, never wait). */
    RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        return c == null ? null : c.async();
    }

    /** For log lines: {@code redis host:port}, never a password. */
    String where() {
        return where;
    }

    private void connect() {
        if (closed || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            client.connectAsync(StringCodec.UTF8, uri).whenComplete((conn, error) -> {
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
            resources.eventExecutorGroup().schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
