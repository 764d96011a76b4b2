package io.cxmyd.gateway.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxmyd.itinerary.Msisdn;
import java.util.Optional;

/** Reads request bodies: a JSON object, its fields as the routes expect them. Never echoes what it read. */
final class JsonBody {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    static {
        // The body is already capped in bytes; nesting is capped too so that [[[[... cannot eat the stack.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
    }

    private JsonBody() {
    }

    static Optional<ObjectNode> object(WebRequest request) {
        try {
            JsonNode n = MAPPER.readTree(request.body());
            return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code msisdn} field as a mainland mobile number, or empty. */
    static Optional<Msisdn> msisdn(ObjectNode body) {
        JsonNode n = body.get("msisdn");
        return n != null && n.isTextual() && Msisdn.isValid(n.textValue())
                ? Optional.of(Msisdn.parse(n.textValue()))
                : Optional.empty();
    }

    static Optional<String> text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
