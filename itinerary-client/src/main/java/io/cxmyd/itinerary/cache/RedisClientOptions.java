package io.cxmyd.itinerary.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.IOUringProvider;
import java.time.Duration;

/**
 * lettuce's client options, set on purpose for every Redis connection of the product (the cache tier here,
 * the gateway's journal stream and consent store): lettuce's defaults queue commands without bound while
 * disconnected and wait 60 s for an answer, which would turn a dead or black-holed Redis into stuck lookups
 * and stuck SMPP accepts. Here a command fails fast instead, and its caller falls back (the source, or
 * ESME_RX_T_APPN).
 */
public final class RedisClientOptions {

    private static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(30);
    private static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(10);
    private static final int KEEPALIVE_COUNT = 3;
    /** Unacknowledged writes give up after 30 s instead of the kernel's ~15 min of retransmissions. */
    private static final Duration TCP_USER_TIMEOUT = Duration.ofSeconds(30);

    private RedisClientOptions() {
    }

    /**
     * @param connectTimeout TCP connect bound
     * @param commandTimeout every command's answer bound (lettuce's default is 60 s)
     * @param requestQueueSize commands waiting at most (lettuce's default is Integer.MAX_VALUE)
     */
    public static ClientOptions of(Duration connectTimeout, Duration commandTimeout, int requestQueueSize) {
        boolean nativeTransport = EpollProvider.isAvailable() || IOUringProvider.isAvailable();
        SocketOptions socket = SocketOptions.builder()
                .connectTimeout(connectTimeout)
                // Probe an idle connection after 30 s, every 10 s, 3 times: a peer gone without a FIN (a black
                // hole) is noticed in about a minute.
                .keepAlive(SocketOptions.KeepAliveOptions.builder()
                        .enable()
                        .idle(KEEPALIVE_IDLE)
                        .interval(KEEPALIVE_INTERVAL)
                        .count(KEEPALIVE_COUNT)
                        .build())
                // lettuce refuses to connect when TCP_USER_TIMEOUT is asked for without a native transport.
                .tcpUserTimeout(SocketOptions.TcpUserTimeoutOptions.builder()
                        .enable(nativeTransport)
                        .tcpUserTimeout(TCP_USER_TIMEOUT)
                        .build())
                .tcpNoDelay(true)
                .build();
        return ClientOptions.builder()
                .autoReconnect(true)
                // The default (ACCEPT_COMMANDS) buffers commands while disconnected, so a caller would wait for
                // a reconnect: refuse them, the caller falls back at once.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // The default is Integer.MAX_VALUE: an unbounded queue in front of a black-holed Redis.
                .requestQueueSize(requestQueueSize)
                // The default is 60 s; a cache answer later than this is worth less than the source's.
                .timeoutOptions(TimeoutOptions.builder().fixedTimeout(commandTimeout).build())
                // Maintenance push notifications are a managed-Redis feature; asking a plain server for
                // them only adds a failing command to every handshake.
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .socketOptions(socket)
                .build();
    }
}
