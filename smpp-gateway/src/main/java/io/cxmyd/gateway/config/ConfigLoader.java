package io.cxmyd.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cxmyd.gateway.config.GatewayConfig.Cache;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.config.GatewayConfig.Carrier;
import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.smpp.AddressRange;
import io.cxmyd.gateway.smpp.CarrierAccount;
import io.cxmyd.gateway.config.GatewayConfig.Delivery;
import io.cxmyd.gateway.config.GatewayConfig.Http;
import io.cxmyd.gateway.config.GatewayConfig.Itinerary;
import io.cxmyd.gateway.config.GatewayConfig.Limits;
import io.cxmyd.gateway.config.GatewayConfig.Metrics;
import io.cxmyd.gateway.config.GatewayConfig.Smpp;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates the YAML configuration (gateway-contract.md, "Configuration"): strict, so an unknown
 * key, a missing required key or a bad value is a {@link ConfigException} naming the key. Relative paths are
 * resolved against the file's folder.
 */
public final class ConfigLoader {

    private static final Pattern CARRIER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern SERVICE_NUMBER = Pattern.compile("\\d{3,20}");
    private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(\\S+)");
    private static final Map<String, String> DEFAULT_SIGNATURES = Map.of(
            "china-mobile", "【中国移动】", "china-unicom", "【中国联通】", "china-telecom", "【中国电信】");

    private final Function<String, String> env;

    public ConfigLoader() {
        this(System::getenv);
    }

    /** With an environment of its own, for tests of {@code ${VAR}} substitution. */
    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "no configuration file at " + file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + ": " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, base, file);
    }

    /** Parses YAML text; relative paths resolve against {@code baseDir}. */
    public GatewayConfig parse(String yaml, Path baseDir, Path file) {
        JsonNode tree;
        try {
            YAMLMapper mapper = YAMLMapper.builder(new YAMLFactory())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
            tree = mapper.readTree(yaml);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException("", "not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException("", "the configuration file is empty");
        }
        ConfigNode root = new ConfigNode("", tree, env);
        Smpp smpp = smpp(root.section("smpp"), baseDir);
        List<Carrier> carriers = carriers(root);
        Itinerary itinerary = itinerary(root.section("itinerary"), baseDir);
        Cache cache = cache(root.optionalSection("cache"));
        Metrics metrics = metrics(root.section("metrics"), smpp);
        Limits limits = limits(root.optionalSection("limits"));
        Optional<Instant> clock = clock(root);
        Delivery delivery = delivery(root.optionalSection("delivery"));
        Map<String, String> templates = templates(root);
        GatewayConfig.Admin admin = admin(root.optionalSection("admin"));
        GatewayConfig.Consent consent = consent(root.optionalSection("consent"), baseDir, carriers);
        GatewayConfig.Journal journal = journal(root.optionalSection("journal"), baseDir);
        sharedState(root, cache, carriers, journal);
        root.finish();
        return new GatewayConfig(file, smpp, carriers, itinerary, cache, metrics, limits, clock, delivery,
                templates, admin, consent, journal);
    }

    private static Smpp smpp(ConfigNode n, Path baseDir) {
        Smpp s = new Smpp(
                n.string("host", "127.0.0.1"),
                n.integer("port", 2775, 0, 65535),
                n.duration("enquireLinkInterval", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                n.duration("bindTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                n.duration("responseTimeout", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(1)),
                n.integer("maxPduBytes", 4096, 256, 65536),
                n.integer("maxConnections", 64, 1, 10_000),
                n.duration("pduReadTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                lockout(n.optionalSection("lockout")),
                tls(n.optionalSection("tls"), baseDir),
                // Each accept waits on its thread for the journal's fsync: a bind accepts at most this many
                // queries per fsync (docs/performance.md). 3 capped a bind at about 1,200 queries/s.
                n.integer("pduProcessorThreads", 32, 1, 64));
        n.finish();
        if (s.tls().isPresent() && s.tls().get().port() != 0 && s.tls().get().port() == s.port()) {
            throw new ConfigException(n.key("tls.port"), "must differ from smpp.port, was " + s.port());
        }
        return s;
    }

    private static GatewayConfig.Lockout lockout(ConfigNode n) {
        GatewayConfig.Lockout l = new GatewayConfig.Lockout(
                n.integer("failures", 5, 1, 1000),
                n.duration("window", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1)),
                n.duration("duration", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(1)));
        n.finish();
        return l;
    }

    private static Optional<GatewayConfig.Tls> tls(ConfigNode n, Path baseDir) {
        if (!n.has("port") && !n.has("keystore") && !n.has("keystorePassword") && !n.has("keystoreType")) {
            n.finish();
            return Optional.empty();
        }
        int port = n.integer("port", -1, 0, 65535);
        if (port < 0) {
            throw new ConfigException(n.key("port"), "required key is missing");
        }
        Path keystore = baseDir.resolve(n.requiredString("keystore")).normalize();
        if (!Files.isReadable(keystore)) {
            throw new ConfigException(n.key("keystore"), "no readable file " + keystore);
        }
        String password = n.string("keystorePassword", null);
        String type = n.string("keystoreType", "PKCS12").toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            throw new ConfigException(n.key("keystoreType"), "must be PKCS12 or JKS, was \"" + type + "\"");
        }
        n.finish();
        return Optional.of(new GatewayConfig.Tls(port, keystore, password, type));
    }

    private static List<Carrier> carriers(ConfigNode root) {
        List<ConfigNode> nodes = root.sections("carriers");
        if (nodes.isEmpty()) {
            throw new ConfigException("carriers", "at least one carrier is required");
        }
        List<Carrier> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> systemIds = new HashSet<>();
        Map<String, String> numbers = new HashMap<>();
        for (ConfigNode n : nodes) {
            String id = n.requiredString("id");
            if (!CARRIER_ID.matcher(id).matches()) {
                throw new ConfigException(n.key("id"), "lower-case letters, digits and '-' only (at most 32), was \"" + id + "\"");
            }
            if (!ids.add(id)) {
                throw new ConfigException(n.key("id"), "duplicate carrier id \"" + id + "\"");
            }
            List<String> serviceNumbers = n.strings("serviceNumbers");
            if (serviceNumbers.isEmpty()) {
                throw new ConfigException(n.key("serviceNumbers"), "at least one service number is required");
            }
            for (int i = 0; i < serviceNumbers.size(); i++) {
                String sn = serviceNumbers.get(i);
                String k = n.key("serviceNumbers") + "[" + i + "]";
                if (!SERVICE_NUMBER.matcher(sn).matches()) {
                    throw new ConfigException(k, "3 to 20 digits, was \"" + sn + "\"");
                }
                String owner = numbers.putIfAbsent(sn, id);
                if (owner != null) {
                    throw new ConfigException(k, "service number " + sn + " already belongs to carrier " + owner);
                }
            }
            // SMPP 3.4 §5.2.1: system_id is a C-Octet String of at most 16 octets, password at most 9, NUL included.
            String systemId = n.requiredString("systemId");
            if (systemId.length() > 15) {
                throw new ConfigException(n.key("systemId"), "at most 15 characters, was " + systemId.length());
            }
            if (!systemIds.add(systemId)) {
                throw new ConfigException(n.key("systemId"), "duplicate systemId \"" + systemId + "\"");
            }
            String password = n.string("password", null);
            if (password.length() > 8) {
                throw new ConfigException(n.key("password"), "at most 8 characters, was " + password.length());
            }
            String signature = n.string("signature", DEFAULT_SIGNATURES.getOrDefault(id, ""));
            Concatenation concatenation = enumValue(n, "concatenation", Concatenation.UDH, Concatenation.class);
            int maxParts = n.integer("maxParts", 6, 1, 255);
            int window = n.integer("window", 32, 1, 1024);
            String verificationText = n.string("verification", Verification.NONE.configName());
            Verification verification = Verification.byConfigName(verificationText);
            if (verification == null) {
                throw new ConfigException(n.key("verification"),
                        "must be one of none, confirm, id-last4, was \"" + verificationText + "\"");
            }
            List<String> allowFrom = n.has("allowFrom") ? n.strings("allowFrom") : List.of();
            n.rawOptional("allowFrom");
            for (int i = 0; i < allowFrom.size(); i++) {
                try {
                    AddressRange.parse(allowFrom.get(i));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(n.key("allowFrom") + "[" + i + "]", e.getMessage());
                }
            }
            int maxBinds = n.integer("maxBinds", CarrierAccount.DEFAULT_MAX_BINDS, 1, 1000);
            n.finish();
            out.add(new Carrier(id, serviceNumbers, systemId, password, signature, concatenation, maxParts, window,
                    verification, allowFrom, maxBinds));
        }
        return out;
    }

    private static Itinerary itinerary(ConfigNode n, Path baseDir) {
        String source = n.requiredString("source");
        ConfigNode localNode = n.optionalSection("local");
        ConfigNode httpNode = n.optionalSection("http");
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
            default -> throw new ConfigException(n.key("source"), "must be local or http, was \"" + source + "\"");
        }
        if (n.has("local") && localDir == null) {
            localNode.string("dir", "");
        }
        if (n.has("http")) {
            http = http(httpNode, source.equals("http"));
        }
        localNode.finish();
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
        return new Itinerary(source, localDir, http, windowDays, newAccountDays, refreshTime, zone, bounce);
    }

    private static Http http(ConfigNode n, boolean required) {
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

    private static Cache cache(ConfigNode n) {
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
        Optional<String> hashKey = n.has("hashKey") ? Optional.of(n.string("hashKey", null)) : Optional.empty();
        n.rawOptional("hashKey");
        if (hashKey.isPresent() && hashKey.get().length() < 16) {
            throw new ConfigException(n.key("hashKey"), "at least 16 characters, was " + hashKey.get().length());
        }
        Cache c = new Cache(
                redis,
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

    private static Metrics metrics(ConfigNode n, Smpp smpp) {
        Metrics m = new Metrics(n.string("host", "127.0.0.1"), n.integer("port", 9464, 0, 65535));
        n.finish();
        if (m.port() != 0 && m.port() == smpp.port()) {
            throw new ConfigException(n.key("port"), "must differ from smpp.port, was " + m.port());
        }
        return m;
    }

    private static Limits limits(ConfigNode n) {
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

    private static Optional<Instant> clock(ConfigNode root) {
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

    private static Delivery delivery(ConfigNode n) {
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

    private static Map<String, String> templates(ConfigNode root) {
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

    private static GatewayConfig.Admin admin(ConfigNode n) {
        GatewayConfig.Admin a = new GatewayConfig.Admin(n.bool("enabled", false));
        n.finish();
        return a;
    }

    private static GatewayConfig.Consent consent(ConfigNode n, Path baseDir, List<Carrier> carriers) {
        Duration window = n.duration("window", Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(24));
        int maxAttempts = n.integer("maxAttempts", 3, 1, 100);
        Path auditLog = baseDir.resolve(n.string("auditLog", "var/audit/consent.log")).normalize();
        Duration retention = n.duration("auditRetention", Duration.ofDays(180), Duration.ofDays(1),
                Duration.ofDays(3650));
        if (retention.toSeconds() % 86_400 != 0) {
            throw new ConfigException(n.key("auditRetention"), "must be whole days such as 180d, was "
                    + ConfigNode.format(retention));
        }
        Optional<String> idHashKey = n.has("idHashKey") ? Optional.of(n.string("idHashKey", null)) : Optional.empty();
        n.rawOptional("idHashKey");
        if (idHashKey.isPresent() && idHashKey.get().length() < 16) {
            throw new ConfigException(n.key("idHashKey"), "at least 16 characters, was " + idHashKey.get().length());
        }
        for (int i = 0; i < carriers.size(); i++) {
            if (carriers.get(i).verification() == Verification.ID_LAST4 && idHashKey.isEmpty()) {
                throw new ConfigException(n.key("idHashKey"), "required when a carrier's verification is id-last4 (carriers["
                        + i + "])");
            }
        }
        n.finish();
        return new GatewayConfig.Consent(window, maxAttempts, auditLog, (int) retention.toDays(), idHashKey);
    }

    private static GatewayConfig.Journal journal(ConfigNode n, Path baseDir) {
        boolean enabled = n.bool("enabled", true);
        String dir = n.string("dir", "var/journal");
        if (dir.isBlank()) {
            throw new ConfigException(n.key("dir"), "must name a folder, was empty");
        }
        GatewayConfig.Journal j = new GatewayConfig.Journal(
                enabled,
                baseDir.resolve(dir).normalize(),
                n.duration("fsyncInterval", Duration.ofMillis(2), Duration.ZERO, Duration.ofMillis(100)),
                n.duration("commitTimeout", Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofSeconds(30)),
                n.integer("segmentMegabytes", 64, 1, 4096) * 1024L * 1024L,
                enumValue(n, "store", GatewayConfig.Journal.Store.DISK, GatewayConfig.Journal.Store.class),
                n.has("instanceId") ? Optional.of(instanceId(n)) : Optional.empty(),
                n.duration("claimMinIdle", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1)),
                n.integer("streamMaxLength", 1_000_000, 1_000, 100_000_000));
        n.finish();
        return j;
    }

    private static String instanceId(ConfigNode n) {
        String id = n.string("instanceId", null);
        if (!id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new ConfigException(n.key("instanceId"), "1 to 64 of A-Z a-z 0-9 . _ : -, was \"" + id + "\"");
        }
        return id;
    }

    /** The rules that tie the Redis users together: the stream journal and the shared consent state. */
    private static void sharedState(ConfigNode root, Cache cache, List<Carrier> carriers, GatewayConfig.Journal j) {
        if (j.enabled() && j.store() == GatewayConfig.Journal.Store.REDIS && cache.redis().isEmpty()) {
            throw new ConfigException(root.optionalSection("journal").key("store"), "redis needs cache.redis");
        }
        boolean consent = carriers.stream().anyMatch(c -> c.verification() != Verification.NONE);
        if (consent && cache.redis().isPresent() && cache.hashKey().isEmpty()) {
            // The consent state in Redis is keyed by a keyed hash of the number: instances must share its secret.
            throw new ConfigException(root.optionalSection("cache").key("hashKey"),
                    "required when cache.redis is set and a carrier has a verification step");
        }
    }

    private static <E extends Enum<E>> E enumValue(ConfigNode n, String name, E dflt, Class<E> type) {
        String text = n.string(name, dflt.name().toLowerCase(Locale.ROOT));
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(v.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigException(n.key(name), "must be one of " + allowed + ", was \"" + text + "\"");
        }
    }

}
