package io.cxmyd.gateway.web;

import io.cxmyd.gateway.config.GatewayConfig;
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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web channel's HTTP/1.1 listener on netty, with the limits of docs/web.md ("Hardening"): connections per
 * address and in all, a request line of 2 KiB, headers of 8 KiB, a body of {@code web.maxBodyBytes}, and the
 * whole request within {@code web.requestTimeout}. Its own event loop: a flood here never delays SMPP.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    static final int MAX_REQUEST_LINE = 2048;
    static final int MAX_HEADERS = 8192;

    private final EventLoopGroup group;
    private final Channel channel;

    private WebServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Listens; throws IllegalStateException naming the address when it cannot. */
    public static WebServer start(GatewayConfig.Web web, WebRoutes routes) {
        ConnectionCap cap = new ConnectionCap(web.maxConnectionsPerAddress(), web.maxConnections());
        WebHttpHandler handler = new WebHttpHandler(routes, web.secureCookies());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("cxmyd-web", true),
                NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(cap)
                                .addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, web.maxBodyBytes()))
                                .addLast(new RequestDeadline(web.requestTimeout()))
                                .addLast(new HttpObjectAggregator(web.maxBodyBytes()))
                                .addLast(handler);
                    }
                });
        ChannelFuture bound = b.bind(web.host(), web.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw new IllegalStateException("web: cannot listen on " + web.host() + ":" + web.port() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new WebServer(group, bound.channel());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("[web] stopped");
    }
}
