package io.cxmyd.gateway.config;

import io.cxmyd.gateway.config.GatewayConfig.Smsc;
import io.cxmyd.gateway.config.GatewayConfig.SmscBind;
import io.cxmyd.gateway.smpp.esme.SmscTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** {@code carriers[].smsc}: the carrier's SMSC the gateway binds out to as an ESME (docs/smpp.md, ESME mode). */
final class SmscSection {

    private SmscSection() {
    }

    static Optional<Smsc> smsc(ConfigNode n, Path baseDir) {
        if (!n.has("host") && !n.has("port") && !n.has("bind") && isEmpty(n)) {
            n.finish();
            return Optional.empty();
        }
        String host = n.requiredString("host");
        int port = n.integer("port", -1, 1, 65535);
        if (port < 0) {
            throw new ConfigException(n.key("port"), "required key is missing");
        }
        String bindText = n.string("bind", "transceiver");
        SmscBind bind = switch (bindText.toLowerCase(Locale.ROOT)) {
            case "transceiver" -> SmscBind.TRANSCEIVER;
            case "pair" -> SmscBind.PAIR;
            default -> throw new ConfigException(n.key("bind"), "must be transceiver or pair, was \"" + bindText + "\"");
        };
        // SMPP 3.4 §5.2.2: system_type is a C-Octet String of at most 13 octets, NUL included.
        String systemType = n.string("systemType", "");
        if (systemType.length() > 12) {
            throw new ConfigException(n.key("systemType"), "at most 12 characters, was " + systemType.length());
        }
        Duration reconnectMin = n.duration("reconnectMin", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMinutes(10));
        Duration reconnectMax = n.duration("reconnectMax", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofHours(1));
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new ConfigException(n.key("reconnectMax"), "must be at least reconnectMin ("
                    + ConfigNode.format(reconnectMin) + "), was " + ConfigNode.format(reconnectMax));
        }
        boolean tls = n.bool("tls", false);
        Optional<GatewayConfig.TrustStore> trustStore = trustStore(n, baseDir, tls);
        if (n.has("verifyHostname") && !tls) {
            throw new ConfigException(n.key("verifyHostname"), "needs tls: true");
        }
        Smsc s = new Smsc(
                host,
                port,
                bind,
                n.integer("sessions", 1, 1, 64),
                systemType,
                tls,
                n.duration("enquireLinkInterval", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                n.duration("bindTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                n.duration("responseTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
                n.integer("window", 10, 1, 1024),
                n.integer("throughput", 100, 1, 100_000),
                reconnectMin,
                reconnectMax,
                n.bool("receipts", true),
                n.integer("sessionBudget", 0, 1, 1024),
                n.duration("sessionLeaseTtl", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                trustStore,
                n.bool("verifyHostname", true));
        n.finish();
        return Optional.of(s);
    }

    /** Read once here, so that a wrong path or password is a config error naming the key, not a bind failure. */
    private static Optional<GatewayConfig.TrustStore> trustStore(ConfigNode n, Path baseDir, boolean tls) {
        if (!n.has("trustStore")) {
            if (n.has("trustStorePassword")) {
                throw new ConfigException(n.key("trustStorePassword"), "set without trustStore");
            }
            return Optional.empty();
        }
        if (!tls) {
            throw new ConfigException(n.key("trustStore"), "needs tls: true");
        }
        Path path = baseDir.resolve(n.requiredString("trustStore")).normalize();
        String password = n.has("trustStorePassword") ? n.string("trustStorePassword", "") : null;
        try {
            SmscTrust.load(path, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(n.key("trustStore"), "cannot use " + path + ": " + e.getMessage());
        }
        return Optional.of(new GatewayConfig.TrustStore(path, password));
    }

    private static boolean isEmpty(ConfigNode n) {
        for (String k : new String[] {"sessions", "systemType", "tls", "enquireLinkInterval", "bindTimeout",
            "responseTimeout", "window", "throughput", "reconnectMin", "reconnectMax", "receipts",
            "sessionBudget", "sessionLeaseTtl", "trustStore", "trustStorePassword", "verifyHostname"}) {
            if (n.has(k)) {
                return false;
            }
        }
        return true;
    }
}
