package io.cxmyd.gateway.config;

import io.cxmyd.gateway.config.GatewayConfig.Smpp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The {@code smpp} section: listener, timers, PDU cap, connection caps, bind failures, TLS. */
final class SmppSection {

    private SmppSection() {
    }

    static Smpp smpp(ConfigNode n, Path baseDir) {
        int maxConnections = n.integer("maxConnections", 64, 1, 10_000);
        Smpp s = new Smpp(
                n.string("host", "127.0.0.1"),
                n.integer("port", 2775, 0, 65535),
                n.duration("enquireLinkInterval", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                n.duration("bindTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                n.duration("responseTimeout", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(1)),
                n.integer("maxPduBytes", 4096, 256, 65536),
                maxConnections,
                n.duration("pduReadTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                bindFailures(n.optionalSection("bindFailures")),
                tls(n.optionalSection("tls"), baseDir),
                // Each accept waits on its thread for the journal's fsync: a bind accepts at most this many
                // queries per fsync (docs/performance.md). 3 capped a bind at about 1,200 queries/s.
                n.integer("pduProcessorThreads", 2, 1, 64),
                n.integer("maxUnboundPerAddress", 8, 1, 10_000),
                n.integer("reservedForAllowLists", Math.min(16, maxConnections / 4), 0, maxConnections - 1));
        n.finish();
        if (s.tls().isPresent() && s.tls().get().port() != 0 && s.tls().get().port() == s.port()) {
            throw new ConfigException(n.key("tls.port"), "must differ from smpp.port, was " + s.port());
        }
        return s;
    }

    static GatewayConfig.BindFailures bindFailures(ConfigNode n) {
        GatewayConfig.BindFailures f = new GatewayConfig.BindFailures(
                n.integer("free", 3, 0, 1000),
                n.duration("window", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(1)),
                // Below the contract's 5 s for a correct bind, with a second to spare.
                n.duration("maxDelay", Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(4)));
        n.finish();
        return f;
    }

    static Optional<GatewayConfig.Tls> tls(ConfigNode n, Path baseDir) {
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
}
