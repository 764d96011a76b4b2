package io.cxmyd.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxmyd.gateway.config.GatewayConfig.Cache;
import io.cxmyd.gateway.config.GatewayConfig.Delivery;
import io.cxmyd.gateway.config.GatewayConfig.Limits;
import io.cxmyd.gateway.config.GatewayConfig.Metrics;
import io.cxmyd.gateway.config.GatewayConfig.Smpp;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The smaller sections: cache, metrics, limits, clock, delivery, templates, admin. */
final class ServiceSections {

    private ServiceSections() {
    }

    private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(\\S+)");

    static Cache cache(ConfigNode n) {
        Optional<URI> redis = Optional.empty();
        if (n.has("redis")) {
            String text = n.string("redis", null);
            try {
                URI uri = new URI(text);
                if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new ConfigException(n.key("redis"), "must be a redis://host:port URI, was \"" + text + "\"");
                }
                redis = Optional.of(uri);
            } catch (URISyntaxException e) {
                throw new ConfigException(n.key("redis"), "must be a redis://host:port URI, was \"" + text + "\"");
            }
        } else {
            n.rawOptional("redis");
        }
        List<URI> cluster = List.of();
        if (n.has("redisCluster")) {
            cluster = redisCluster(n);
        } else {
            n.rawOptional("redisCluster");
        }
        Optional<String> hashKey = n.has("hashKey") ? Optional.of(n.string("hashKey", null)) : Optional.empty();
        n.rawOptional("hashKey");
        if (hashKey.isPresent() && hashKey.get().length() < 16) {
            throw new ConfigException(n.key("hashKey"), "at least 16 characters, was " + hashKey.get().length());
        }
        Cache c = new Cache(
                redis,
                cluster,
                hashKey,
                // At least 1: the near cache also holds each lookup in flight (one load per key); the cache
                // refuses 0, and accepting it here let the gateway fail at start with no key named.
                n.integer("nearMaxEntries", 1_000_000, 1, 100_000_000),
                n.duration("noDataTtl", Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1)),
                n.duration("redisTimeout", Duration.ofMillis(100), Duration.ofMillis(5), Duration.ofSeconds(10)),
                n.duration("lookupTimeout", Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMinutes(1)));
        n.finish();
        return c;
    }

    /** {@code cache.redisCluster}: the seeds of a Redis Cluster, instead of {@code cache.redis}. */
    private static List<URI> redisCluster(ConfigNode n) {
        if (n.has("redis")) {
            throw new ConfigException(n.key("redisCluster"), "set either cache.redis or cache.redisCluster, not both");
        }
        List<String> seeds = n.strings("redisCluster");
        if (seeds.isEmpty()) {
            throw new ConfigException(n.key("redisCluster"), "at least one seed (redis://host:port), was an empty list");
        }
        List<URI> out = new java.util.ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            String text = seeds.get(i);
            String key = n.key("redisCluster") + "[" + i + "]";
            try {
                URI uri = new URI(text);
                if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new ConfigException(key, "must be a redis://host:port URI, was \"" + text + "\"");
                }
                out.add(uri);
            } catch (URISyntaxException e) {
                throw new ConfigException(key, "must be a redis://host:port URI, was \"" + text + "\"");
            }
        }
        return List.copyOf(out);
    }

    static Metrics metrics(ConfigNode n, Smpp smpp) {
        Metrics m = new Metrics(n.string("host", "127.0.0.1"), n.integer("port", 9464, 0, 65535),
                n.duration("requestTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                n.integer("maxConnections", 64, 1, 10_000),
                n.integer("maxConnectionsPerAddress", 8, 1, 10_000),
                n.has("allowedHosts") ? n.strings("allowedHosts") : List.of());
        n.finish();
        if (m.port() != 0 && m.port() == smpp.port()) {
            throw new ConfigException(n.key("port"), "must differ from smpp.port, was " + m.port());
        }
        return m;
    }

    static Limits limits(ConfigNode n) {
        int count = 5;
        Duration window = Duration.ofMinutes(10);
        JsonNode raw = n.rawOptional("perSubscriber");
        String key = n.key("perSubscriber");
        if (raw.isBoolean()) {
            if (raw.booleanValue()) {
                throw new ConfigException(key, "true is not a limit: write a rate such as 5/10m, or \"off\"");
            }
            count = 0;
        } else if (!raw.isMissingNode() && !raw.isNull()) {
            String text = raw.asText().strip();
            if (text.equalsIgnoreCase("off")) {
                count = 0;
            } else {
                var m = RATE.matcher(text);
                Duration d = m.matches() ? ConfigNode.parseDuration(m.group(2)) : null;
                if (d == null || d.isZero() || Integer.parseInt(m.group(1)) < 1) {
                    throw new ConfigException(key, "must be a rate such as 5/10m, \"off\" or false, was \"" + text + "\"");
                }
                count = Integer.parseInt(m.group(1));
                window = d;
            }
        }
        Duration usage = n.duration("usageReplyInterval", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(1));
        n.finish();
        return new Limits(count, window, usage);
    }

    static Optional<Instant> clock(ConfigNode root) {
        if (!root.has("clock")) {
            root.rawOptional("clock");
            return Optional.empty();
        }
        String text = root.string("clock", null);
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new ConfigException("clock", "must be an ISO-8601 instant with offset such as 2026-11-21T09:30:00+08:00, was \"" + text + "\"");
        }
    }

    static Delivery delivery(ConfigNode n) {
        Delivery d = new Delivery(
                n.duration("validity", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofDays(2)),
                n.duration("retryInitial", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(10)),
                n.duration("retryMax", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofHours(1)),
                n.integer("queueCapacity", 10_000, 1, 10_000_000),
                n.duration("drainTimeout", Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10)));
        if (d.retryMax().compareTo(d.retryInitial()) < 0) {
            throw new ConfigException(n.key("retryMax"), "must not be below delivery.retryInitial, was " + ConfigNode.format(d.retryMax()));
        }
        n.finish();
        return d;
    }

    static Map<String, String> templates(ConfigNode root) {
        JsonNode t = root.rawOptional("templates");
        if (t.isMissingNode() || t.isNull()) {
            return Map.of();
        }
        if (!t.isObject()) {
            throw new ConfigException("templates", "must be a mapping of template name to text, was " + ConfigNode.kind(t));
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = t.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ConfigException("templates." + e.getKey(), "must be text, was " + ConfigNode.kind(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static GatewayConfig.Workers workers(ConfigNode n) {
        GatewayConfig.Workers w = new GatewayConfig.Workers(
                n.integer("threads", 2, 1, 256),
                n.integer("queueCapacity", 10_000, 1, 10_000_000));
        n.finish();
        return w;
    }

    static GatewayConfig.Reassembly reassembly(ConfigNode n) {
        GatewayConfig.Reassembly r = new GatewayConfig.Reassembly(
                n.duration("timeout", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1)),
                n.integer("maxPartsHeld", 10_000, 1, 1_000_000));
        n.finish();
        return r;
    }

    static GatewayConfig.Admin admin(ConfigNode n, Path baseDir) {
        boolean enabled = n.bool("enabled", false);
        String token = n.has("token") ? n.string("token", "") : null;
        if (enabled && token == null) {
            throw new ConfigException(n.key("token"), "required when admin.enabled is true; set it from the "
                    + "environment, e.g. token: \"${CXMYD_ADMIN_TOKEN}\"");
        }
        if (token != null && token.length() < 16) {
            throw new ConfigException(n.key("token"), "at least 16 characters, was " + token.length());
        }
        String stateFile = n.string("stateFile", "var/admin/suspended-carriers");
        if (stateFile.isBlank()) {
            throw new ConfigException(n.key("stateFile"), "must name a file, was empty");
        }
        n.finish();
        return new GatewayConfig.Admin(enabled, token, baseDir.resolve(stateFile).normalize());
    }
}
