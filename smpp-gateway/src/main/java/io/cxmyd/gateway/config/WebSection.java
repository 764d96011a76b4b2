package io.cxmyd.gateway.config;

import io.cxmyd.gateway.config.GatewayConfig.Web;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The optional {@code web} section (gateway-contract.md, "Web channel"; docs/web.md). */
final class WebSection {

    private WebSection() {
    }

    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** Declaration keys shorter than this are guessable from the outside (the contract's minimum). */
    static final int MIN_KEY_CHARS = 16;

    static Optional<Web> web(ConfigNode root, GatewayConfig.Metrics metrics, int smppPort, GatewayConfig.Cache cache) {
        if (!root.has("web")) {
            root.rawOptional("web");
            return Optional.empty();
        }
        ConfigNode n = root.section("web");
        if (cache.redisConfigured() && cache.hashKey().isEmpty()) {
            // Codes and sessions in Redis are keyed by a keyed hash: instances (and restarts) must share its secret.
            throw new ConfigException(root.optionalSection("cache").key("hashKey"), "required when cache.redis is set and web is configured");
        }
        String host = n.string("host", "127.0.0.1");
        int port = n.integer("port", 8080, 0, 65535);
        if (port != 0 && (port == smppPort || port == metrics.port())) {
            throw new ConfigException(n.key("port"), "must differ from smpp.port and metrics.port, was " + port);
        }
        List<String> hostNames = n.has("hostNames") ? n.strings("hostNames")
                : new java.util.LinkedHashSet<>(List.of(host, "localhost", "127.0.0.1")).stream().toList();
        n.rawOptional("hostNames");
        if (hostNames.isEmpty()) {
            throw new ConfigException(n.key("hostNames"), "at least one name is required");
        }
        ConfigNode c = n.optionalSection("codes");
        Web.Codes codes = new Web.Codes(
                c.integer("perAddressPerHour", 20, 1, 1_000_000),
                c.integer("perNumberPerHour", 5, 1, 1000),
                c.integer("perMinute", 600, 1, 1_000_000));
        c.finish();
        List<Web.Client> clients = clients(n);
        Web web = new Web(host, port, List.copyOf(hostNames),
                n.integer("sessionDays", 7, 1, 90),
                n.bool("secureCookies", false),
                n.integer("maxConnectionsPerAddress", 16, 1, 10_000),
                n.integer("maxConnections", 2048, 1, 1_000_000),
                n.duration("requestTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
                n.integer("maxBodyBytes", 4096, 256, 1 << 20),
                codes, clients);
        n.finish();
        return Optional.of(web);
    }

    private static List<Web.Client> clients(ConfigNode n) {
        if (!n.has("declarationClients")) {
            n.rawOptional("declarationClients");
            return List.of();
        }
        List<Web.Client> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode e : n.sections("declarationClients")) {
            String id = e.requiredString("id");
            if (!CLIENT_ID.matcher(id).matches()) {
                throw new ConfigException(e.key("id"), "lower-case letters, digits and '-' only (at most 32), was \"" + id + "\"");
            }
            if (!ids.add(id)) {
                throw new ConfigException(e.key("id"), "duplicate client id \"" + id + "\"");
            }
            String key = e.requiredString("key");
            if (key.length() < MIN_KEY_CHARS) {
                // Never the key itself in the message: it may be a real secret, one character short.
                throw new ConfigException(e.key("key"), "at least " + MIN_KEY_CHARS + " characters, was " + key.length());
            }
            out.add(new Web.Client(id, key, e.integer("perMinute", 600, 1, 1_000_000)));
            e.finish();
        }
        return out;
    }
}
