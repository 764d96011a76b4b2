package io.cxmyd.gateway.config;

import io.cxmyd.gateway.config.GatewayConfig.Cache;
import io.cxmyd.gateway.config.GatewayConfig.Carrier;
import io.cxmyd.gateway.consent.Verification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The sections of state that must survive: the consent step and the journal, and the rules tying them to Redis. */
final class StateSections {

    private StateSections() {
    }

    static GatewayConfig.Consent consent(ConfigNode n, Path baseDir, List<Carrier> carriers) {
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
        Duration storeTimeout = n.duration("storeTimeout", Duration.ofMillis(500), Duration.ofMillis(10),
                Duration.ofSeconds(30));
        n.finish();
        return new GatewayConfig.Consent(window, maxAttempts, auditLog, (int) retention.toDays(), idHashKey,
                storeTimeout);
    }

    static GatewayConfig.Journal journal(ConfigNode n, Path baseDir) {
        boolean enabled = n.bool("enabled", true);
        String dir = n.string("dir", "var/journal");
        if (dir.isBlank()) {
            throw new ConfigException(n.key("dir"), "must name a folder, was empty");
        }
        GatewayConfig.Journal j = new GatewayConfig.Journal(
                enabled,
                baseDir.resolve(dir).normalize(),
                n.duration("fsyncInterval", Duration.ofMillis(1), Duration.ZERO, Duration.ofMillis(100)),
                n.duration("commitTimeout", Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofSeconds(30)),
                n.integer("segmentMegabytes", 64, 1, 4096) * 1024L * 1024L,
                ConfigLoader.enumValue(n, "store", GatewayConfig.Journal.Store.DISK, GatewayConfig.Journal.Store.class),
                n.has("instanceId") ? Optional.of(instanceId(n)) : Optional.empty(),
                n.duration("claimMinIdle", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1)),
                n.integer("streamMaxLength", 1_000_000, 1_000, 100_000_000),
                // WAIT for this many replicas before ESME_ROK (docs/reliability.md): 0 = the master's word only.
                n.integer("waitForReplicas", 0, 0, 5));
        n.finish();
        return j;
    }

    static String instanceId(ConfigNode n) {
        String id = n.string("instanceId", null);
        if (!id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new ConfigException(n.key("instanceId"), "1 to 64 of A-Z a-z 0-9 . _ : -, was \"" + id + "\"");
        }
        return id;
    }

    /** The rules that tie the Redis users together: the stream journal and the shared consent state. */
    static void sharedState(ConfigNode root, Cache cache, List<Carrier> carriers, GatewayConfig.Journal j) {
        if (j.waitForReplicas() > 0 && (!j.enabled() || j.store() != GatewayConfig.Journal.Store.REDIS)) {
            throw new ConfigException(root.optionalSection("journal").key("waitForReplicas"),
                    "needs journal.store: redis (replicas are Redis'), was " + j.waitForReplicas());
        }
        if (j.enabled() && j.store() == GatewayConfig.Journal.Store.REDIS && !cache.redisConfigured()) {
            throw new ConfigException(root.optionalSection("journal").key("store"),
                    "redis needs cache.redis or cache.redisCluster");
        }
        boolean consent = carriers.stream().anyMatch(c -> c.verification() != Verification.NONE);
        if (consent && cache.redisConfigured() && cache.hashKey().isEmpty()) {
            // The consent state in Redis is keyed by a keyed hash of the number: instances must share its secret.
            throw new ConfigException(root.optionalSection("cache").key("hashKey"),
                    "required when cache.redis or cache.redisCluster is set and a carrier has a verification step");
        }
    }
}
