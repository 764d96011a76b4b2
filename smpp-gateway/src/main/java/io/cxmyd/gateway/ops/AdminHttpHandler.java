package io.cxmyd.gateway.ops;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the four endpoints. Runs on the admin event loop, which serves nothing else, so a slow scrape
 * delays only the next scrape, never SMPP traffic.
 */
@ChannelHandler.Sharable
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String JSON_CONTENT_TYPE = "application/json";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final String LIVE_BODY = "{\"status\":\"UP\"}";

    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

    private final Supplier<String> scrape;
    private final HealthState health;
    private final AdminRoutes admin;
    private final java.util.Set<String> allowedHosts;

    /**
     * @param actions the admin view's actions, or null when it is off
     * @param adminToken the bearer token of the admin routes (required with {@code actions})
     * @param allowedHosts host names accepted in {@code Host} besides IP literals and localhost
     */
    AdminHttpHandler(Supplier<String> scrape, HealthState health, AdminActions actions, String adminToken,
            java.util.Set<String> allowedHosts) {
        this.scrape = scrape;
        this.health = health;
        this.admin = new AdminRoutes(actions, adminToken);
        this.allowedHosts = allowedHosts;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            // A request line or header past the limit, or not HTTP at all: answer once and drop the link.
            send(ctx, request, respond(HttpResponseStatus.BAD_REQUEST, TEXT_CONTENT_TYPE, "bad request\n"), true);
            return;
        }
        // More than one Host is malformed (RFC 9112 §3.2) and would let a check read one while a proxy uses another.
        if (request.headers().getAll(HttpHeaderNames.HOST).size() > 1
                || !HostCheck.allowed(request.headers().get(HttpHeaderNames.HOST), allowedHosts)) {
            log.warn("[admin] {} {} from {} refused: Host {} is not this server (metrics.allowedHosts)",
                    request.method(), new QueryStringDecoder(request.uri()).path(), ctx.channel().remoteAddress(),
                    request.headers().get(HttpHeaderNames.HOST));
            send(ctx, request, respond(HttpResponseStatus.FORBIDDEN, TEXT_CONTENT_TYPE, "host not allowed\n"), true);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Route route = Route.of(path);
        FullHttpResponse response;
        if (AdminRoutes.isAdminPath(path)) {
            response = admin.answer(path, request, ctx.channel().remoteAddress());
        } else if (route == null) {
            response = notFound();
        } else if (!HttpMethod.GET.equals(request.method())) {
            response = methodNotAllowed(HttpMethod.GET);
        } else {
            response = answer(route);
        }
        send(ctx, request, response, false);
    }

    private FullHttpResponse answer(Route route) {
        return switch (route) {
            case METRICS -> metrics();
            case HEALTH -> {
                Health reading = health.check();
                HttpResponseStatus status = reading.ready()
                        ? HttpResponseStatus.OK
                        : HttpResponseStatus.SERVICE_UNAVAILABLE;
                yield respond(status, JSON_CONTENT_TYPE, reading.toJson());
            }
            case LIVE -> respond(HttpResponseStatus.OK, JSON_CONTENT_TYPE, LIVE_BODY);
        };
    }

    private FullHttpResponse metrics() {
        try {
            return respond(HttpResponseStatus.OK, METRICS_CONTENT_TYPE, scrape.get());
        } catch (RuntimeException e) {
            log.warn("[admin] scrape failed", e);
            return respond(HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT_CONTENT_TYPE, "scrape failed\n");
        }
    }

    static FullHttpResponse notFound() {
        return respond(HttpResponseStatus.NOT_FOUND, TEXT_CONTENT_TYPE, "not found\n");
    }

    static FullHttpResponse methodNotAllowed(HttpMethod allowed) {
        FullHttpResponse response = respond(HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT_CONTENT_TYPE,
                "method not allowed\n");
        response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
        return response;
    }

    static FullHttpResponse respond(HttpResponseStatus status, String contentType, String body) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return response;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
                             boolean close) {
        if (close || !HttpUtil.isKeepAlive(request)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A peer resetting its connection is routine for a scraper; nothing to act on.
        log.debug("[admin] {} closed after error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private enum Route {
        METRICS,
        HEALTH,
        LIVE;

        static Route of(String path) {
            return switch (path) {
                case "/metrics" -> METRICS;
                case "/health", "/health/ready" -> HEALTH;
                case "/health/live" -> LIVE;
                default -> null;
            };
        }
    }
}
