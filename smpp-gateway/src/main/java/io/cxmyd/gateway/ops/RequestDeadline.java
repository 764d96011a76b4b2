package io.cxmyd.gateway.ops;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Bounds the time a whole request may take: from the connect for the first request, from its first octet for
 * the next ones on a kept-alive connection. The idle timeout alone was reset by every octet, so a peer sending
 * one every 30 s held its connection for ever. One instance per connection: {@link #head()} goes first in the
 * pipeline and starts the clock, {@link #tail()} after the aggregator and stops it once a request is whole.
 */
final class RequestDeadline {

    private final long timeoutMillis;
    private ScheduledFuture<?> pending;
    private boolean started;

    RequestDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    ChannelDuplexHandler head() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                start(ctx);
                super.channelActive(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (!started) {
                    start(ctx);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                stop();
                super.channelInactive(ctx);
            }
        };
    }

    ChannelInboundHandlerAdapter tail() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof FullHttpRequest) {
                    stop();
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    private void start(ChannelHandlerContext ctx) {
        started = true;
        pending = ctx.executor().schedule(() -> {
            ctx.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void stop() {
        started = false;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
