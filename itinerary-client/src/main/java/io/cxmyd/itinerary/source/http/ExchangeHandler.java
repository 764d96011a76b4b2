package io.cxmyd.itinerary.source.http;

import io.cxmyd.itinerary.source.SourceException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a pooled connection: runs one request/response exchange at a time. Every path ends
 * the exchange exactly once (response, timer, close, error), and every failure closes the connection, whose
 * state is then unknown. All methods run on the channel's event loop.
 */
final class ExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    private final int maxResponseBytes;
    private ChannelHandlerContext ctx;
    private Exchange current;

    ExchangeHandler(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    /** One exchange's outcome and whether any response byte arrived (a stale keep-alive shows none). */
    static final class Exchange {
        final CompletableFuture<RawResponse> future = new CompletableFuture<>();
        private final String what;
        private volatile boolean bytesSeen;
        private io.netty.util.concurrent.ScheduledFuture<?> timer;

        private Exchange(String what) {
            this.what = what;
        }

        boolean bytesSeen() {
            return bytesSeen;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Sends {@code request} and starts its response timer; the exchange's future always completes. */
    Exchange begin(FullHttpRequest request, long timeoutMillis, String what) {
        Exchange ex = new Exchange(what);
        if (current != null) {
            // The pool hands a connection to one user at a time; this would be a bug, so fail loudly.
            request.release();
            ex.future.completeExceptionally(new SourceException(SourceException.Kind.CONNECT, what + ": connection already busy"));
            return ex;
        }
        current = ex;
        ex.timer = ctx.executor().schedule(
                () -> fail(ex, new SourceException(SourceException.Kind.TIMEOUT, what + ": no complete response within "
                        + timeoutMillis + " ms")),
                timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ex, new SourceException(SourceException.Kind.CONNECT, what + ": could not send the request ("
                        + describe(f.cause()) + ")"));
            }
        });
        return ex;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        Exchange ex = current;
        if (ex == null) {
            ctx.close(); // an answer nobody asked for (or after a timeout): the connection is out of step
            return;
        }
        if (response.decoderResult().isFailure()) {
            fail(ex, new SourceException(SourceException.Kind.BAD_RESPONSE, ex.what + ": malformed HTTP response ("
                    + describe(response.decoderResult().cause()) + ")"));
            return;
        }
        current = null;
        ex.timer.cancel(false);
        byte[] body = ByteBufUtil.getBytes(response.content());
        if (!HttpUtil.isKeepAlive(response)) {
            ctx.close(); // the pool's health check drops it on release
        }
        ex.future.complete(new RawResponse(response.status().code(), body));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Exchange ex = current;
        if (ex != null) {
            fail(ex, ex.bytesSeen
                    ? new SourceException(SourceException.Kind.BAD_RESPONSE, ex.what + ": connection closed mid-response")
                    : new SourceException(SourceException.Kind.CONNECT, ex.what + ": connection closed before any response"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange ex = current;
        if (ex == null) {
            ctx.close();
            return;
        }
        if (cause instanceof TooLongFrameException) {
            fail(ex, new SourceException(SourceException.Kind.BAD_RESPONSE, ex.what + ": response larger than maxResponseBytes="
                    + maxResponseBytes));
        } else if (cause instanceof DecoderException || ex.bytesSeen) {
            fail(ex, new SourceException(SourceException.Kind.BAD_RESPONSE, ex.what + ": " + describe(cause)));
        } else {
            fail(ex, new SourceException(SourceException.Kind.CONNECT, ex.what + ": " + describe(cause)));
        }
    }

    private void fail(Exchange ex, SourceException e) {
        if (current == ex) {
            current = null;
        }
        if (ex.timer != null) {
            ex.timer.cancel(false);
        }
        if (ex.future.completeExceptionally(e)) {
            ctx.close();
        }
    }

    private void markBytesSeen() {
        Exchange ex = current;
        if (ex != null) {
            ex.bytesSeen = true;
        }
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + Redact.text(message));
    }

    /** Sits at the head of the pipeline to note that raw bytes arrived, before the codec sees them. */
    static final class BytesSeen extends ChannelInboundHandlerAdapter {
        private final ExchangeHandler exchange;

        BytesSeen(ExchangeHandler exchange) {
            this.exchange = exchange;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            exchange.markBytesSeen();
            ctx.fireChannelRead(msg);
        }
    }
}
