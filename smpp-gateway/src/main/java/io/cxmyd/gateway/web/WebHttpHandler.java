package io.cxmyd.gateway.web;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a whole netty request into a {@link WebRequest}, asks {@link WebRoutes}, writes the answer with the
 * {@link SecurityHeaders}. The answer may complete on another thread (a lookup): it is written on the
 * channel's event loop all the same. A request the codec could not read gets 400 and the link is closed.
 */
@ChannelHandler.Sharable
final class WebHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(WebHttpHandler.class);

    private final WebRoutes routes;
    private final Map<String, String> securityHeaders;

    WebHttpHandler(WebRoutes routes, boolean tls) {
        this.routes = routes;
        this.securityHeaders = SecurityHeaders.all(tls);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        RequestDeadline.requestComplete(ctx);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!request.decoderResult().isSuccess()) {
            write(ctx, WebResponse.error(400, "bad_request"), false, false);
            return;
        }
        WebRequest r = new WebRequest(request.method().name(), new QueryStringDecoder(request.uri()).path(),
                request.headers()::get, cookies(request.headers().get(HttpHeaderNames.COOKIE)),
                ByteBufUtil.getBytes(request.content()), ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        routes.answer(r).whenComplete((response, error) -> {
            WebResponse answer = response;
            if (error != null) {
                // A bug or the store down: one line, no request content (it may hold a number or a code).
                log.warn("[web] {} {} failed: {}", r.method(), r.path(), error.toString());
                answer = WebResponse.error(503, "unavailable").withHeader("Retry-After", "5");
            }
            WebResponse a = answer;
            ctx.executor().execute(() -> write(ctx, a, keepAlive, head));
        });
    }

    private void write(ChannelHandlerContext ctx, WebResponse answer, boolean keepAlive, boolean head) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        securityHeaders.forEach((k, v) -> response.headers().set(k, v));
        answer.headers().forEach((k, v) -> response.headers().add(k, v));
        if (answer.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (keepAlive) {
            written.addListener(f -> RequestDeadline.awaitNext(ctx));
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static Map<String, String> cookies(String header) {
        Map<String, String> out = new HashMap<>();
        if (header != null) {
            for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
                out.putIfAbsent(c.name(), c.value());
            }
        }
        return out;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[web] connection error: {}", cause.toString());
        ctx.close();
    }
}
