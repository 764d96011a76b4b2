package io.cxmyd.gateway.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The route table and the checks every request passes before its handler: the {@code Host} header names this
 * service or is an address literal (a page reached through a name we do not serve is DNS rebinding or a
 * misrouted proxy: 400), the
 * route exists (404) for this method (405 with Allow), and a body meant as JSON says so (415), which also
 * keeps a cross-site form from posting to the API without a CORS preflight.
 */
public final class WebRoutes {

    private record Route(String method, String path, boolean json, WebHandler handler) {
    }

    private final Set<String> hostNames;
    private final Map<String, List<Route>> byPath = new LinkedHashMap<>();

    public WebRoutes(List<String> hostNames) {
        this.hostNames = hostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public WebRoutes get(String path, WebHandler handler) {
        return add("GET", path, false, handler);
    }

    /** A POST whose body must be JSON. */
    public WebRoutes postJson(String path, WebHandler handler) {
        return add("POST", path, true, handler);
    }

    /** A POST without a body to read. */
    public WebRoutes post(String path, WebHandler handler) {
        return add("POST", path, false, handler);
    }

    private WebRoutes add(String method, String path, boolean json, WebHandler handler) {
        byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(new Route(method, path, json, handler));
        return this;
    }

    public CompletableFuture<WebResponse> answer(WebRequest request) {
        if (!hostAllowed(request.header().apply("Host"))) {
            return done(WebResponse.error(400, "unknown_host"));
        }
        List<Route> routes = byPath.get(request.path());
        if (routes == null) {
            return done(WebResponse.error(404, "not_found"));
        }
        String method = "HEAD".equals(request.method()) ? "GET" : request.method();
        for (Route r : routes) {
            if (r.method.equals(method)) {
                if (r.json && !isJson(request.header().apply("Content-Type"))) {
                    return done(WebResponse.error(415, "json_required"));
                }
                try {
                    return r.handler.handle(request);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        }
        String allow = routes.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
        return done(WebResponse.error(405, "method_not_allowed").withHeader("Allow", allow));
    }

    boolean hostAllowed(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        // An address literal cannot be rebound by DNS: whoever reached us by address may say so.
        return hostNames.contains(h) || IPV4.matcher(h).matches() || h.startsWith("[") && h.endsWith("]");
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static CompletableFuture<WebResponse> done(WebResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
