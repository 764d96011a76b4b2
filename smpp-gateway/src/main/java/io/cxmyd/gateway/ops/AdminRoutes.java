package io.cxmyd.gateway.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxmyd.gateway.smpp.BindInfo;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.SocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /admin/...} requests: {@code GET /admin/binds}, {@code POST /admin/carriers/{id}/suspend} and
 * {@code /resume}. Without {@link AdminActions} (admin not enabled) every such path is 404, as if it did not
 * exist.
 */
final class AdminRoutes {

    static final String PREFIX = "/admin/";

    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
    private static final Pattern CARRIER_ACTION = Pattern.compile("/admin/carriers/([^/]+)/(suspend|resume)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminActions actions;
    private final byte[] tokenDigest;

    /**
     * @param actions null when the admin view is off
     * @param token the bearer token every admin request must carry; with actions and no token, every admin
     *     request is refused
     */
    AdminRoutes(AdminActions actions, String token) {
        this.actions = actions;
        this.tokenDigest = token == null ? null : digest(token);
    }

    /** Compared as digests in constant time: the time taken says nothing of how much of the token was right. */
    private boolean authorized(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (tokenDigest == null || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return java.security.MessageDigest.isEqual(tokenDigest, digest(header.substring(7).strip()));
    }

    private static byte[] digest(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static boolean isAdminPath(String path) {
        return path.startsWith(PREFIX) || path.equals("/admin");
    }

    FullHttpResponse answer(String path, FullHttpRequest request, SocketAddress peer) {
        if (actions == null) {
            return AdminHttpHandler.notFound();
        }
        if (!authorized(request)) {
            log.warn("[admin] {} {} from {} refused: no valid bearer token", request.method(), path, peer);
            FullHttpResponse refused = AdminHttpHandler.respond(HttpResponseStatus.UNAUTHORIZED,
                    AdminHttpHandler.TEXT_CONTENT_TYPE, "admin token required\n");
            refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            return refused;
        }
        if (path.equals("/admin/binds")) {
            if (!HttpMethod.GET.equals(request.method())) {
                return AdminHttpHandler.methodNotAllowed(HttpMethod.GET);
            }
            return AdminHttpHandler.respond(HttpResponseStatus.OK, AdminHttpHandler.JSON_CONTENT_TYPE, bindsJson());
        }
        Matcher m = CARRIER_ACTION.matcher(path);
        if (!m.matches()) {
            return AdminHttpHandler.notFound();
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return AdminHttpHandler.methodNotAllowed(HttpMethod.POST);
        }
        if (request.headers().contains(HttpHeaderNames.ORIGIN)) {
            // Browsers send Origin with a cross-site POST, tools do not: a web page open on an engineer's
            // machine must not be able to suspend a carrier through this unauthenticated port.
            log.warn("[admin] {} {} from {} refused: sent by a web page (Origin {})", request.method(), path, peer,
                    request.headers().get(HttpHeaderNames.ORIGIN));
            return AdminHttpHandler.respond(HttpResponseStatus.FORBIDDEN, AdminHttpHandler.TEXT_CONTENT_TYPE,
                    "requests from web pages are refused\n");
        }
        String carrier = m.group(1);
        boolean suspend = m.group(2).equals("suspend");
        boolean known = suspend ? actions.suspend(carrier) : actions.resume(carrier);
        if (!known) {
            return AdminHttpHandler.respond(HttpResponseStatus.NOT_FOUND, AdminHttpHandler.TEXT_CONTENT_TYPE,
                    "no carrier with this id\n");
        }
        log.warn("[admin] carrier {} {} by {}", carrier, suspend ? "suspended" : "resumed", peer);
        ObjectNode body = JSON.createObjectNode().put("carrier", carrier).put("suspended", suspend);
        return AdminHttpHandler.respond(HttpResponseStatus.OK, AdminHttpHandler.JSON_CONTENT_TYPE, body.toString());
    }

    private String bindsJson() {
        ArrayNode binds = JSON.createArrayNode();
        for (BindInfo b : actions.binds()) {
            binds.addObject()
                    .put("carrier", b.carrierId())
                    .put("bindType", b.type().label())
                    .put("remoteAddress", b.remoteAddress())
                    .put("since", b.since().toString())
                    .put("inFlight", b.inFlight());
        }
        return binds.toString();
    }
}
