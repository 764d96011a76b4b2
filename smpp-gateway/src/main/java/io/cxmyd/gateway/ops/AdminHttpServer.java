package io.cxmyd.gateway.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics and health endpoints over HTTP/1.1:
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus scrape (text format 0.0.4, gzip when asked for);</li>
 *   <li>{@code GET /health} and {@code GET /health/ready}: 200 {@code {"status":"UP"}} when ready, else 503 with
 *       the status (DOWN or DRAINING) and the failing check;</li>
 *   <li>{@code GET /health/live}: 200 as long as the process answers at all;</li>
 *   <li>with {@link AdminActions}, the admin view: {@code GET /admin/binds},
 *       {@code POST /admin/carriers/{id}/suspend} and {@code /resume} (see {@link AdminRoutes}).</li>
 * </ul>
 * Any other path is 404, any other method on these paths 405. One event-loop thread of its own.
 */
public final class AdminHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpServer.class);

    /** Scrapes under this size are sent as they are: compressing them costs more than it saves. */
    private static final int COMPRESSION_THRESHOLD_BYTES = 1024;

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final InetSocketAddress localAddress;

    private AdminHttpServer(EventLoopGroup group, Channel serverChannel) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.localAddress = (InetSocketAddress) serverChannel.localAddress();
    }

    /** Starts listening with the gateway's metrics and health. */
    public static AdminHttpServer start(AdminHttpOptions options, GatewayMetrics metrics, HealthState health) {
        Objects.requireNonNull(metrics, "metrics");
        return start(options, metrics::scrape, health);
    }

    /**
     * Starts listening; returns once the port is bound.
     *
     * @throws IllegalStateException if the address cannot be bound (in use, not local, not permitted)
     */
    public static AdminHttpServer start(AdminHttpOptions options, Supplier<String> scrape, HealthState health) {
        return start(options, scrape, health, null);
    }

    /**
     * Starts listening with the admin view ({@code /admin/...}) when {@code actions} is not null.
     *
     * @throws IllegalStateException if the address cannot be bound (in use, not local, not permitted)
     */
    public static AdminHttpServer start(AdminHttpOptions options, GatewayMetrics metrics, HealthState health,
            AdminActions actions) {
        Objects.requireNonNull(metrics, "metrics");
        return start(options, metrics::scrape, health, actions);
    }

    private static AdminHttpServer start(AdminHttpOptions options, Supplier<String> scrape, HealthState health,
            AdminActions actions) {
        Objects.requireNonNull(options, "options");
        AdminHttpHandler handler = new AdminHttpHandler(
                Objects.requireNonNull(scrape, "scrape"), Objects.requireNonNull(health, "health"), actions,
                options.adminToken(), options.allowedHosts());
        ConnectionLimiter limiter = new ConnectionLimiter(options.maxConnections(), options.maxConnectionsPerAddress());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("cxmyd-admin-http", true), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 64)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int max = options.maxRequestBytes();
                        RequestDeadline deadline = new RequestDeadline(options.requestTimeout().toMillis());
                        ch.pipeline()
                                .addLast(limiter)
                                .addLast(deadline.head())
                                .addLast(new IdleStateHandler(
                                        0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec(max, max, max))
                                .addLast(new HttpContentCompressor(COMPRESSION_THRESHOLD_BYTES,
                                        StandardCompressionOptions.gzip()))
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(max))
                                .addLast(deadline.tail())
                                .addLast(handler);
                    }
                });
        ChannelFuture bound = bootstrap.bind(options.host(), options.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw new IllegalStateException("metrics: cannot listen on " + options.host() + ":" + options.port()
                    + ": " + bound.cause().getMessage(), bound.cause());
        }
        AdminHttpServer server = new AdminHttpServer(group, bound.channel());
        log.info("[admin] metrics and health on http://{}:{}/", options.host(), server.port());
        return server;
    }

    /** The port actually bound (the chosen one when the options said 0). */
    public int port() {
        return localAddress.getPort();
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Stops listening, closes open connections and waits for the event loop to end. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("[admin] stopped");
    }
}
