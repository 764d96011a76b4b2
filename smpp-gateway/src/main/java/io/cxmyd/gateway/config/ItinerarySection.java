package io.cxmyd.gateway.config;

import io.cxmyd.gateway.config.GatewayConfig.Http;
import io.cxmyd.gateway.config.GatewayConfig.Itinerary;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The {@code itinerary} section: the source and the rules' tunables. */
final class ItinerarySection {

    private ItinerarySection() {
    }

    static Itinerary itinerary(ConfigNode n, Path baseDir) {
        String source = n.requiredString("source");
        ConfigNode localNode = n.optionalSection("local");
        ConfigNode httpNode = n.optionalSection("http");
        GatewayConfig.Store store = null;
        Path localDir = null;
        Http http = null;
        switch (source) {
            case "local" -> {
                if (!n.has("local")) {
                    throw new ConfigException(n.key("local"), "required when source is local");
                }
                String dir = localNode.requiredString("dir");
                localDir = baseDir.resolve(dir).normalize();
                if (!Files.isDirectory(localDir)) {
                    throw new ConfigException(localNode.key("dir"), "no such directory " + localDir);
                }
            }
            case "http" -> {
                if (!n.has("http")) {
                    throw new ConfigException(n.key("http"), "required when source is http");
                }
            }
            case "store" -> {
                if (!n.has("store")) {
                    throw new ConfigException(n.key("store"), "required when source is store");
                }
                store = StoreSection.store(n.section("store"));
            }
            default -> throw new ConfigException(n.key("source"),
                    "must be local, http or store, was \"" + source + "\"");
        }
        if (n.has("local") && localDir == null) {
            localNode.string("dir", "");
        }
        if (n.has("http")) {
            http = http(httpNode, source.equals("http"));
        }
        localNode.finish();
        if (store == null && n.has("store")) {
            store = StoreSection.store(n.section("store")); // checked even when unused: a typo shows now
        }
        int windowDays = n.integer("windowDays", 7, 1, 31);
        int newAccountDays = n.integer("newAccountDays", 7, 0, 366);
        String refresh = n.string("refreshTime", "08:00");
        LocalTime refreshTime;
        try {
            refreshTime = LocalTime.parse(refresh);
        } catch (DateTimeParseException e) {
            throw new ConfigException(n.key("refreshTime"), "must be a time of day HH:MM, was \"" + refresh + "\"");
        }
        String zoneText = n.string("zone", "Asia/Shanghai");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new ConfigException(n.key("zone"), "not a time zone id, was \"" + zoneText + "\"");
        }
        Duration bounce = n.duration("bounceTolerance", Duration.ofMinutes(30), Duration.ZERO, Duration.ofHours(3));
        n.finish();
        return new Itinerary(source, localDir, http, windowDays, newAccountDays, refreshTime, zone, bounce, store);
    }

    static Http http(ConfigNode n, boolean required) {
        String base = required ? n.requiredString("baseUrl") : n.string("baseUrl", "http://127.0.0.1:8080");
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new ConfigException(n.key("baseUrl"), "not a URL, was \"" + base + "\"");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException(n.key("baseUrl"), "must be an http:// or https:// URL with a host, was \"" + base + "\"");
        }
        Http h = new Http(
                uri,
                n.duration("connectTimeout", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(1)),
                n.duration("responseTimeout", Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMinutes(1)),
                n.integer("maxConnections", 32, 1, 4096),
                n.has("authToken") ? n.string("authToken", "") : null);
        n.finish();
        return h;
    }
}
