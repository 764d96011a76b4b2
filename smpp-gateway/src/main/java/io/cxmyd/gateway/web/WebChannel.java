package io.cxmyd.gateway.web;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.delivery.Notices;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web channel (docs/web.md): the page, the code and itinerary routes, the declaration check, on a
 * {@link WebServer} of its own. Built from the config and the gateway's parts: the same {@link ItineraryClient}
 * as the SMS path, and the carriers' outbox for the code SMS.
 */
public final class WebChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebChannel.class);

    private final WebServer server;
    private final WebStore store;
    private final CodeSender codeSender;

    private WebChannel(WebServer server, WebStore store, CodeSender codeSender) {
        this.server = server;
        this.store = store;
        this.codeSender = codeSender;
    }

    /** The parts of the gateway the channel uses. {@code clock} runs codes, budgets and sessions. */
    public record Parts(GatewayConfig config, ItineraryClient client, Supplier<Instant> rulesClock, Notices notices,
                        GatewayMetrics metrics, AreaCatalog catalog, WebStore store, Clock clock) {
    }

    public static WebChannel start(Parts p) {
        GatewayConfig.Web web = p.config().web().orElseThrow();
        Hmac hmac = p.config().cache().hashKey()
                .map(k -> new Hmac(("cxmyd-web:" + k).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(Hmac::random);
        Map<String, CodeSender.Link> links = new LinkedHashMap<>();
        p.config().carriers().forEach(c -> links.put(c.id(), new CodeSender.Link(c.serviceNumbers().get(0), c.signature())));
        CodeBook codes = new CodeBook(p.store(), hmac, p.clock(), web.codes());
        CodeSender sender = new CodeSender(p.client(), p.rulesClock(), p.notices(), links, p.metrics());
        Sessions sessions = new Sessions(p.store(), hmac, p.clock(), Duration.ofDays(web.sessionDays()));
        SessionCookie cookie = new SessionCookie(sessions.lifetime(), web.secureCookies());
        Cards cards = new Cards(p.client(), p.rulesClock(), p.config().itinerary().zone());
        WebRoutes routes = new WebRoutes(web.hostNames())
                .get("/", new StaticFile("index.html", "text/html; charset=utf-8"))
                .get("/app.js", new StaticFile("app.js", "text/javascript; charset=utf-8"))
                .get("/app.css", new StaticFile("app.css", "text/css; charset=utf-8"))
                .postJson("/api/v1/codes", new CodeRequestHandler(codes, sender, p.metrics()))
                .postJson("/api/v1/itinerary", new CodeCheckHandler(codes, sessions, cookie, cards, p.metrics()))
                .get("/api/v1/itinerary", new SessionCardHandler(sessions, cards))
                .post("/api/v1/logout", new LogoutHandler(sessions, cookie))
                .postJson("/api/v1/declarations/check", new DeclarationCheckHandler(
                        new DeclarationClients(web.declarationClients()), new DeclarationCheck(p.catalog()), cards,
                        p.store(), p.clock()));
        WebServer server = WebServer.start(web, routes);
        log.info("[web] query page on http://{}:{}/ ({} declaration clients)", web.host(), server.port(),
                web.declarationClients().size());
        return new WebChannel(server, p.store(), sender);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        codeSender.close();
        store.close();
    }
}
