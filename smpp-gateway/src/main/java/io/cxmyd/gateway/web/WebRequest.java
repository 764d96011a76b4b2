package io.cxmyd.gateway.web;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HTTP request as the route handlers see it: whole (body aggregated within its limit), no netty types.
 *
 * @param method upper-case method
 * @param path the path without query string
 * @param header a header's value by name (case-insensitive), or null
 * @param cookies the request's cookies by name
 * @param body the body bytes
 * @param client the peer's address (the per-address budgets count it)
 */
public record WebRequest(String method, String path, Function<String, String> header, Map<String, String> cookies,
                         byte[] body, InetAddress client) {

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }
}
