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

    /** @param actions null when the admin view is off */
    AdminRoutes(AdminActions actions) {
        this.actions = actions;
    }

    static boolean isAdminPath(String path) {
        return path.startsWith(PREFIX) || path.equals("/admin");
    }

    FullHttpResponse answer(String path, FullHttpRequest request, SocketAddress peer) {
        if (actions == null) {
            return AdminHttpHandler.notFound();
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
