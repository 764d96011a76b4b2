package io.cxmyd.itinerary.source.http;

import io.cxmyd.itinerary.source.SourceException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 client over netty's {@link FixedChannelPool}: keep-alive connections to one host,
 * bounded bodies, a response timer per request. Each call's future completes exactly once, with a
 * {@link RawResponse} or a {@link SourceException}; a backstop timer guarantees it even if a path were
 * missed. Futures complete on a netty event loop thread: dependents must not block.
 */
final class PooledHttpClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PooledHttpClient.class);
    private static final AttributeKey<Integer> USES = AttributeKey.valueOf("cxmyd.http.uses");
    private static final long CLOSE_WAIT_SECONDS = 3;

    private final HttpSourceOptions options;
    private final String prefix;
    private final String hostHeader;
    private final EventLoopGroup group;
    private final FixedChannelPool pool;
    private final long backstopMillis;
    private final Set<CompletableFuture<RawResponse>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    PooledHttpClient(HttpSourceOptions options) {
        this.options = options;
        this.prefix = "[itinerary-http " + options.host() + ":" + options.port() + "]";
        this.hostHeader = options.port() == 80 ? options.host() : options.host() + ":" + options.port();
        // Acquire wait + connect + response, the longest path, is below this; it only catches a missed path.
        this.backstopMillis = 2 * (options.connectTimeout().toMillis() + options.responseTimeout().toMillis());
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.group = new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory("cxmyd-http-source", true), NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .remoteAddress(InetSocketAddress.createUnresolved(socketHost(options.host()), options.port()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
        this.pool = new FixedChannelPool(
                bootstrap,
                new PipelineSetup(options.maxResponseBytes(), prefix),
                ChannelHealthChecker.ACTIVE,
                FixedChannelPool.AcquireTimeoutAction.FAIL,
                options.responseTimeout().toMillis(), // waiting longer for a connection than for an answer is moot
                options.maxConnections(),
                options.maxPendingRequests(),
                true,
                true); // most recently used first: fewer idle connections go stale at the server
    }

    /** The request line for messages: {@code POST http://host:port/base/v1/itinerary-data}. */
    String describe(HttpMethod method, String path) {
        return method + " http://" + hostHeader + options.basePath() + path;
    }

    /** Sends one request; {@code body} may be empty (no content type then). */
    CompletableFuture<RawResponse> execute(HttpMethod method, String path, byte[] body) {
        String what = describe(method, path);
        CompletableFuture<RawResponse> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new SourceException(SourceException.Kind.CONNECT, what + ": source closed"));
            return result;
        }
        inFlight.add(result);
        long started = System.nanoTime();
        io.netty.util.concurrent.ScheduledFuture<?> backstop = group.schedule(
                () -> result.completeExceptionally(new SourceException(SourceException.Kind.TIMEOUT, what + ": no outcome within "
                        + backstopMillis + " ms")),
                backstopMillis, TimeUnit.MILLISECONDS);
        result.whenComplete((response, error) -> {
            backstop.cancel(false);
            inFlight.remove(result);
            if (log.isDebugEnabled()) {
                log.debug("{} {} -> {} in {} ms", prefix, what,
                        error == null ? "status " + response.status()
                                : error instanceof SourceException e ? e.kind().label() : error.getClass().getSimpleName(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        });
        attempt(method, path, body, what, result, true);
        return result;
    }

    private void attempt(HttpMethod method, String path, byte[] body, String what,
                         CompletableFuture<RawResponse> result, boolean mayRetry) {
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (!acquired.isSuccess()) {
                result.completeExceptionally(acquireFailure(acquired.cause(), what));
                return;
            }
            Channel channel = acquired.getNow();
            if (result.isDone()) {
                pool.release(channel); // the backstop or close() ended the call meanwhile
                return;
            }
            Integer uses = channel.attr(USES).get();
            boolean reused = uses != null;
            channel.attr(USES).set(reused ? uses + 1 : 1);
            channel.eventLoop().execute(() -> {
                ExchangeHandler handler = channel.pipeline().get(ExchangeHandler.class);
                ExchangeHandler.Exchange exchange =
                        handler.begin(request(method, path, body), options.responseTimeout().toMillis(), what);
                exchange.future.whenComplete((response, error) -> release(channel, () -> {
                    if (error == null) {
                        result.complete(response);
                    } else if (mayRetry && reused && !exchange.bytesSeen() && isConnectFailure(error) && !closed) {
                        // A keep-alive connection the server had closed while idle: the request never reached
                        // it. It is a read, so one retry on another connection is safe.
                        log.debug("{} {}: reused connection was stale, retrying once", prefix, what);
                        attempt(method, path, body, what, result, false);
                    } else {
                        result.completeExceptionally(error);
                    }
                }));
            });
        });
    }

    /** Returns the channel to the pool first, so that the caller's next request finds it free. */
    private void release(Channel channel, Runnable then) {
        pool.release(channel).addListener(f -> then.run());
    }

    private FullHttpRequest request(HttpMethod method, String path, byte[] body) {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, method, options.basePath() + path, Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.USER_AGENT, "cxmyd-gateway")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        options.authToken().ifPresent(t -> request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + t));
        return request;
    }

    private SourceException acquireFailure(Throwable cause, String what) {
        if (cause instanceof ConnectTimeoutException) { // a ConnectException: test it first
            return new SourceException(SourceException.Kind.CONNECT, what + ": connect timed out after "
                    + options.connectTimeout().toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return new SourceException(SourceException.Kind.CONNECT, what + ": connection refused");
        }
        if (cause instanceof TimeoutException) {
            return new SourceException(SourceException.Kind.TIMEOUT, what + ": no free connection within "
                    + options.responseTimeout().toMillis() + " ms (maxConnections=" + options.maxConnections() + ")");
        }
        if (closed) {
            return new SourceException(SourceException.Kind.CONNECT, what + ": source closed");
        }
        if (cause instanceof IllegalStateException) {
            // FixedChannelPool: "Too many outstanding acquire operations": shed load at once.
            return new SourceException(SourceException.Kind.TIMEOUT, what + ": more than maxPendingRequests="
                    + options.maxPendingRequests() + " requests wait for a connection");
        }
        String message = cause.getMessage();
        return new SourceException(SourceException.Kind.CONNECT, what + ": " + cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + Redact.text(message)));
    }

    private static boolean isConnectFailure(Throwable error) {
        return error instanceof SourceException e && e.kind() == SourceException.Kind.CONNECT;
    }

    /** URI.getHost() keeps IPv6 brackets; a socket address wants the bare literal. */
    private static String socketHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Fails the calls still under way, closes the connections and stops the event loops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SourceException closing = new SourceException(SourceException.Kind.CONNECT, prefix + ": source closed");
        for (CompletableFuture<RawResponse> call : inFlight) {
            call.completeExceptionally(closing);
        }
        boolean onOwnThread = false;
        for (EventExecutor executor : group) {
            onOwnThread |= executor.inEventLoop();
        }
        Future<Void> poolClosed = pool.closeAsync();
        if (!onOwnThread) { // waiting on our own loop would wait for ourselves
            poolClosed.awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        Future<?> stopped = group.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (!onOwnThread) {
            stopped.awaitUninterruptibly(2 * CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        log.debug("{} closed", prefix);
    }

    /** Builds each new connection's pipeline. */
    private static final class PipelineSetup extends AbstractChannelPoolHandler {
        private final int maxResponseBytes;
        private final String prefix;

        PipelineSetup(int maxResponseBytes, String prefix) {
            this.maxResponseBytes = maxResponseBytes;
            this.prefix = prefix;
        }

        @Override
        public void channelCreated(Channel channel) {
            ExchangeHandler exchange = new ExchangeHandler(maxResponseBytes);
            channel.pipeline()
                    .addLast("bytes-seen", new ExchangeHandler.BytesSeen(exchange))
                    .addLast("codec", new HttpClientCodec())
                    .addLast("aggregator", new HttpObjectAggregator(maxResponseBytes))
                    .addLast("exchange", exchange);
            log.debug("{} new connection {}", prefix, channel.id());
        }
    }
}
