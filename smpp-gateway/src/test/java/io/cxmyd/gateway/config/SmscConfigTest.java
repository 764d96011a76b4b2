package io.cxmyd.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.smpp.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carriers[].smsc}: ESME mode's keys, defaults and one-line errors naming the key. */
class SmscConfigTest {

    @TempDir
    Path dir;

    private static String config(String smsc) {
        return MinimalConfig.withCarrierLines(smsc);
    }

    private GatewayConfig parse(String yaml) {
        return MinimalConfig.parse(dir, yaml, Map.of());
    }

    private void assertRejected(String smsc, String message) {
        assertThatThrownBy(() -> parse(config(smsc))).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void aCarrierWithoutSmscIsInServerMode() {
        GatewayConfig.Carrier c = parse(config("")).carriers().get(0);
        assertThat(c.esmeMode()).isFalse();
        assertThat(c.smsc()).isEmpty();
    }

    @Test
    void contractKeysAloneGetTheDocumentedDefaults() {
        GatewayConfig.Carrier c = parse(config("""
                smsc:
                  host: 127.0.0.1
                  port: 2776
                  bind: transceiver
                """)).carriers().get(0);
        assertThat(c.esmeMode()).isTrue();
        GatewayConfig.Smsc s = c.smsc().orElseThrow();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(2776);
        assertThat(s.bind()).isEqualTo(GatewayConfig.SmscBind.TRANSCEIVER);
        assertThat(s.sessions()).isEqualTo(1);
        assertThat(s.systemType()).isEmpty();
        assertThat(s.tls()).isFalse();
        assertThat(s.enquireLinkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.bindTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.window()).isEqualTo(10);
        assertThat(s.throughput()).isEqualTo(100);
        assertThat(s.reconnectMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.receipts()).isTrue();
        assertThat(s.sessionBudget()).as("no shared budget").isZero();
        assertThat(s.sessionLeaseTtl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyKeyIsRead() {
        GatewayConfig.Smsc s = parse(config("""
                smsc:
                  host: smsc.example
                  port: 2776
                  bind: pair
                  sessions: 2
                  systemType: VMA
                  tls: true
                  enquireLinkInterval: 15s
                  bindTimeout: 5s
                  responseTimeout: 3s
                  window: 20
                  throughput: 50
                  reconnectMin: 500ms
                  reconnectMax: 2m
                  receipts: false
                  sessionBudget: 4
                  sessionLeaseTtl: 9s
                """)).carriers().get(0).smsc().orElseThrow();
        assertThat(s.sessionBudget()).isEqualTo(4);
        assertThat(s.sessionLeaseTtl()).isEqualTo(Duration.ofSeconds(9));
        assertThat(s.bind()).isEqualTo(GatewayConfig.SmscBind.PAIR);
        assertThat(s.sessions()).isEqualTo(2);
        assertThat(s.systemType()).isEqualTo("VMA");
        assertThat(s.tls()).isTrue();
        assertThat(s.enquireLinkInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.responseTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.window()).isEqualTo(20);
        assertThat(s.throughput()).isEqualTo(50);
        assertThat(s.reconnectMin()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.reconnectMax()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.receipts()).isFalse();
    }

    @Test
    void aCarriersOwnTrustStoreIsReadRelativeToTheConfig() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "smsc.example", "dns:smsc.example");
        TestKeys.trustStore(key, dir.resolve("carrier-trust.p12"));
        GatewayConfig.Smsc s = parse(config("smsc:\n  host: smsc.example\n  port: 2776\n  tls: true\n"
                + "  trustStore: carrier-trust.p12\n  trustStorePassword: \"" + TestKeys.PASSWORD + "\"\n"))
                .carriers().get(0).smsc().orElseThrow();
        assertThat(s.trustStore()).contains(new GatewayConfig.TrustStore(dir.resolve("carrier-trust.p12"),
                TestKeys.PASSWORD));
        assertThat(s.toString()).as("no password in a log line").doesNotContain(TestKeys.PASSWORD);
        assertThat(s.verifyHostname()).as("the default").isTrue();
        assertThat(parse(config("smsc:\n  host: h\n  port: 2776\n  tls: true\n  verifyHostname: false\n"))
                .carriers().get(0).smsc().orElseThrow().verifyHostname()).isFalse();
        assertThat(parse(config("smsc:\n  host: h\n  port: 2776\n  tls: true\n")).carriers().get(0).smsc()
                .orElseThrow().trustStore()).as("the JVM's trust store").isEmpty();
    }

    @Test
    void aTrustStoreThatCannotBeUsedIsAConfigErrorNamingTheKey() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "smsc.example", "dns:smsc.example");
        TestKeys.trustStore(key, dir.resolve("carrier-trust.p12"));
        assertRejected("smsc:\n  host: h\n  port: 2776\n  trustStore: carrier-trust.p12",
                "carriers[0].smsc.trustStore: needs tls: true");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  verifyHostname: false",
                "carriers[0].smsc.verifyHostname: needs tls: true");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  tls: true\n  trustStorePassword: x",
                "carriers[0].smsc.trustStorePassword: set without trustStore");
        assertThatThrownBy(() -> parse(config("smsc:\n  host: h\n  port: 2776\n  tls: true\n"
                + "  trustStore: carrier-trust.p12\n  trustStorePassword: wrong")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("carriers[0].smsc.trustStore: cannot use " + dir.resolve("carrier-trust.p12"));
        assertThatThrownBy(() -> parse(config("smsc:\n  host: h\n  port: 2776\n  tls: true\n"
                + "  trustStore: missing.p12")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("carriers[0].smsc.trustStore: cannot use " + dir.resolve("missing.p12"));
    }

    @Test
    void theShippedEsmeConfigLoads() {
        Path config = Path.of("..", "config", "gateway-esme.yml").toAbsolutePath().normalize();
        GatewayConfig c = new ConfigLoader(Map.<String, String>of()::get).load(config);
        assertThat(c.carrier("china-mobile").orElseThrow().smsc().orElseThrow().port()).isEqualTo(2776);
        assertThat(c.carrier("china-unicom").orElseThrow().esmeMode()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertRejected("smsc:\n  port: 2776", "carriers[0].smsc.host: required key is missing");
        assertRejected("smsc:\n  host: h", "carriers[0].smsc.port: required key is missing");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  bind: receiver",
                "carriers[0].smsc.bind: must be transceiver or pair, was \"receiver\"");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  window: 0",
                "carriers[0].smsc.window: must be between 1 and 1024, was 0");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  throughput: fast",
                "carriers[0].smsc.throughput: must be a whole number, was \"fast\"");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  reconnectMin: 10s\n  reconnectMax: 5s",
                "carriers[0].smsc.reconnectMax: must be at least reconnectMin (10s), was 5s");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  systemType: ABCDEFGHIJKLM",
                "carriers[0].smsc.systemType: at most 12 characters, was 13");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  sessionBudget: 0",
                "carriers[0].smsc.sessionBudget: must be between 1 and 1024, was 0");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  sessionLeaseTtl: 500ms",
                "carriers[0].smsc.sessionLeaseTtl: must be between 1s and 10m, was 500ms");
        assertRejected("smsc:\n  host: h\n  port: 2776\n  windows: 5", "carriers[0].smsc.windows: unknown key (did you mean window?)");
    }
}
