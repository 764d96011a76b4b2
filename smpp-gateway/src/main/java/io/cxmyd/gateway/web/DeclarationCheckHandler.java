package io.cxmyd.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Place;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/declarations/check} with {@code Authorization: Bearer KEY}: which of the itinerary's
 * places the declaration lacks, and nothing more (docs/web.md, "The declaration API"). 401 without a valid key,
 * 400 for a malformed body, 429 past the client's budget per minute. One audit line per check on logger
 * {@code cxmyd.web.audit}: client, masked number, outcome, how many places undeclared; never the places.
 */
final class DeclarationCheckHandler implements WebHandler {

    private static final Logger audit = LoggerFactory.getLogger("cxmyd.web.audit");

    /** Far above any real declaration (14 days of travel), far below a body that costs us to walk. */
    static final int MAX_DECLARED = 200;

    private final DeclarationClients clients;
    private final DeclarationCheck check;
    private final Cards cards;
    private final WebStore store;
    private final Clock clock;

    DeclarationCheckHandler(DeclarationClients clients, DeclarationCheck check, Cards cards, WebStore store, Clock clock) {
        this.clients = clients;
        this.check = check;
        this.cards = cards;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<WebResponse> handle(WebRequest request) {
        Optional<GatewayConfig.Web.Client> client = clients.authenticate(request.header().apply("Authorization"));
        if (client.isEmpty()) {
            return done(WebResponse.error(401, "unauthorized").withHeader("WWW-Authenticate", "Bearer"));
        }
        Optional<ObjectNode> body = JsonBody.object(request);
        Optional<Msisdn> msisdn = body.flatMap(JsonBody::msisdn);
        Optional<List<String>> declared = body.flatMap(DeclarationCheckHandler::declared);
        if (msisdn.isEmpty() || declared.isEmpty()) {
            return done(WebResponse.error(400, "bad_request"));
        }
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        Instant minuteEnd = Instant.ofEpochSecond((minute + 1) * 60);
        String id = client.get().id();
        return store.count("wd:" + id + ":" + minute, minuteEnd).thenCompose(n -> {
            if (n > client.get().perMinute()) {
                long wait = Math.max(1, minuteEnd.getEpochSecond() - now.getEpochSecond());
                return done(WebResponse.error(429, "over_budget").withHeader("Retry-After", Long.toString(wait)));
            }
            return cards.lookup(msisdn.get()).thenApply(r -> answer(id, r, declared.get()));
        });
    }

    private WebResponse answer(String clientId, LookupResult r, List<String> declared) {
        List<Place> undeclared = check.undeclared(ItineraryJson.areas(r), declared);
        String outcome = ItineraryJson.outcome(r);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("msisdn", r.msisdn().masked());
        o.put("outcome", outcome);
        ObjectNode card = ItineraryJson.of(r, cards.zone());
        o.set("updateTime", card.get("updateTime"));
        // An itinerary that could not be read is not consistent with anything.
        o.put("consistent", undeclared.isEmpty() && !"unavailable".equals(outcome));
        ArrayNode list = o.putArray("undeclared");
        undeclared.forEach(p -> list.addObject().put("code", p.code()).put("name", p.name()));
        audit.info("declaration check client={} msisdn={} outcome={} undeclared={}", clientId, r.msisdn().masked(),
                outcome, undeclared.size());
        return WebResponse.json(200, o);
    }

    private static Optional<List<String>> declared(ObjectNode body) {
        JsonNode d = body.get("declared");
        if (d == null || !d.isArray() || d.size() > MAX_DECLARED) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : d) {
            if (!e.isTextual() || !DeclarationCheck.wellFormed(e.textValue())) {
                return Optional.empty();
            }
            out.add(e.textValue());
        }
        return Optional.of(out);
    }

    private static CompletableFuture<WebResponse> done(WebResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
