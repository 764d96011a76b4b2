package io.cxmyd.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, content type, body and the headers of its own (cookie, Retry-After). The
 * security headers are added in one place, {@link SecurityHeaders}, for every answer alike.
 */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";

    public WebResponse {
        headers = Map.copyOf(headers);
    }

    public static WebResponse json(int status, JsonNode body) {
        return new WebResponse(status, JSON, body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code {"error":"word"}}: a fixed word a client can branch on, never an echo of the request. */
    public static WebResponse error(int status, String word) {
        return json(status, JsonNodeFactory.instance.objectNode().put("error", word));
    }

    public static WebResponse empty(int status) {
        return new WebResponse(status, null, new byte[0], Map.of());
    }

    public WebResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new WebResponse(status, contentType, body, h);
    }
}
