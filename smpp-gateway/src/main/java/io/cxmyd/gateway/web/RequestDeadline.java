package io.cxmyd.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A whole request must arrive within {@code timeout} of the connection opening (or of the previous answer on
 * a kept-alive connection), however its bytes trickle: the timer is set once and never pushed back by
 * reading, unlike an idle timeout, which a client sending one byte a second would keep from firing. Past
 * it: 408 and the connection closed. While an answer is being worked out, the timer is off.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private static final AttributeKey<RequestDeadline> KEY = AttributeKey.valueOf("cxmyd.web.deadline");

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    RequestDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(KEY).set(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    /** The request is whole: the answer may take its time. */
    static void requestComplete(ChannelHandlerContext ctx) {
        RequestDeadline d = ctx.channel().attr(KEY).get();
        if (d != null) {
            d.disarm();
        }
    }

    /** The answer is written on a kept-alive connection: the next request has the same time. */
    static void awaitNext(ChannelHandlerContext ctx) {
        RequestDeadline d = ctx.channel().attr(KEY).get();
        if (d != null && ctx.channel().isActive()) {
            ctx.channel().eventLoop().execute(() -> d.arm(ctx.pipeline().context(d)));
        }
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.EMPTY_BUFFER);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        // Written from this handler's place, past the codec: the request half-read cannot hold it back.
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
