package io.cxmyd.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.sms.Concatenation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static final String MINIMAL = """
            smpp: {}
            carriers:
              - id: china-mobile
                serviceNumbers: ["10086"]
                systemId: cmcc
                password: "cm-pass1"
            itinerary:
              source: local
              local:
                dir: data
            metrics: {}
            """;

    @BeforeEach
    void dataDir() throws IOException {
        Files.createDirectories(dir.resolve("data"));
    }

    private GatewayConfig parse(String yaml) {
        return new ConfigLoader(Map.of("CM_PASS", "secret12")::get).parse(yaml, dir, dir.resolve("gateway.yml"));
    }

    private void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void minimalConfigGetsTheContractDefaults() {
        GatewayConfig c = parse(MINIMAL);
        assertThat(c.smpp().host()).isEqualTo("127.0.0.1");
        assertThat(c.smpp().port()).isEqualTo(2775);
        assertThat(c.metrics().port()).isEqualTo(9464);
        assertThat(c.itinerary().windowDays()).isEqualTo(7);
        assertThat(c.itinerary().newAccountDays()).isEqualTo(7);
        assertThat(c.itinerary().refreshTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(c.itinerary().zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(c.itinerary().localDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.cache().redis()).isEmpty();
        assertThat(c.limits().perSubscriber()).isEqualTo(5);
        assertThat(c.limits().perSubscriberWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.clock()).isEmpty();
        GatewayConfig.Carrier carrier = c.carriers().get(0);
        assertThat(carrier.signature()).isEqualTo("【中国移动】");
        assertThat(carrier.concatenation()).isEqualTo(Concatenation.UDH);
        assertThat(carrier.maxParts()).isEqualTo(6);
        assertThat(carrier.window()).isEqualTo(32);
    }


    @Test
    void shippedConfigurationsLoad() {
        Path config = Path.of("..", "config").toAbsolutePath().normalize();
        ConfigLoader loader = new ConfigLoader(Map.of("CXMYD_CACHE_KEY", "0123456789abcdef0123")::get);
        GatewayConfig embedded = loader.load(config.resolve("gateway.yml"));
        assertThat(embedded.carriers()).extracting(GatewayConfig.Carrier::id)
                .containsExactly("china-mobile", "china-unicom", "china-telecom");
        assertThat(embedded.carrier("china-telecom").orElseThrow().serviceNumbers()).containsExactly("10000", "10001");
        assertThat(embedded.clock()).contains(Instant.parse("2026-11-21T01:30:00Z"));
        GatewayConfig redis = loader.load(config.resolve("gateway-redis.yml"));
        assertThat(redis.cache().redis()).isPresent();
        assertThat(redis.cache().hashKey()).contains("0123456789abcdef0123");
    }

    @Test
    void unknownKeyIsNamed() {
        assertRejected(MINIMAL.replace("smpp: {}", "smpp:\n  prot: 2775"), "smpp.prot: unknown key");
        assertRejected(MINIMAL + "colour: blue\n", "colour: unknown key");
        assertRejected(MINIMAL.replace("systemId: cmcc", "systemId: cmcc\n    pasword: x"),
                "carriers[0].pasword: unknown key");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        assertRejected(MINIMAL.replace("metrics: {}\n", ""), "metrics: required section is missing");
        assertRejected(MINIMAL.replace("smpp: {}\n", ""), "smpp: required section is missing");
        assertRejected(MINIMAL.replace("    systemId: cmcc\n", ""), "carriers[0].systemId: required key is missing");
        assertRejected(MINIMAL.replace("  source: local\n", ""), "itinerary.source: required key is missing");
        assertRejected(MINIMAL.replace("  local:\n    dir: data\n", ""), "itinerary.local: required when source is local");
        assertRejected(MINIMAL.replace("source: local", "source: http"), "itinerary.http: required when source is http");
    }

    @Test
    void badValuesAreNamedWithTheRuleAndTheValue() {
        assertRejected(MINIMAL.replace("\"cm-pass1\"", "\"cm-pass1234\""), "carriers[0].password: at most 8 characters, was 11");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp:\n  port: 70000"), "smpp.port: must be between 0 and 65535, was 70000");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp:\n  port: abc"), "smpp.port: must be a whole number, was \"abc\"");
        assertRejected(MINIMAL.replace("source: local", "source: ftp"), "itinerary.source: must be local or http, was \"ftp\"");
        assertRejected(MINIMAL.replace("[\"10086\"]", "[\"100a\"]"), "carriers[0].serviceNumbers[0]: 3 to 20 digits, was \"100a\"");
        assertRejected(MINIMAL + "limits:\n  perSubscriber: lots\n",
                "limits.perSubscriber: must be a rate such as 5/10m, \"off\" or false, was \"lots\"");
        assertRejected(MINIMAL + "clock: yesterday\n",
                "clock: must be an ISO-8601 instant with offset such as 2026-11-21T09:30:00+08:00, was \"yesterday\"");
        assertRejected(MINIMAL.replace("dir: data", "dir: nowhere"),
                "itinerary.local.dir: no such directory " + dir.resolve("nowhere"));
        assertRejected(MINIMAL + "cache:\n  redis: http://x\n", "cache.redis: must be a redis://host:port URI, was \"http://x\"");
        assertRejected(MINIMAL + "cache:\n  nearMaxEntries: 0\n", "cache.nearMaxEntries: must be between 1 and 100000000, was 0");
        assertRejected(MINIMAL.replace("systemId: cmcc", "systemId: cmcc\n    concatenation: tlv"),
                "carriers[0].concatenation: must be one of udh, sar, payload, was \"tlv\"");
        assertRejected(MINIMAL + "itinerary2: {}\n", "itinerary2: unknown key");
    }

    @Test
    void duplicateCarriersAndServiceNumbersAreRefused() {
        String two = MINIMAL.replace("itinerary:", """
                  - id: china-mobile
                    serviceNumbers: ["10010"]
                    systemId: cucc
                    password: "x"
                itinerary:""");
        assertRejected(two, "carriers[1].id: duplicate carrier id \"china-mobile\"");
        String sameNumber = two.replace("- id: china-mobile\n    serviceNumbers: [\"10010\"]",
                "- id: china-unicom\n    serviceNumbers: [\"10086\"]");
        assertRejected(sameNumber, "carriers[1].serviceNumbers[0]: service number 10086 already belongs to carrier china-mobile");
    }

    @Test
    void limitsCanBeSwitchedOff() {
        assertThat(parse(MINIMAL + "limits:\n  perSubscriber: \"off\"\n").limits().perSubscriberEnabled()).isFalse();
        assertThat(parse(MINIMAL + "limits:\n  perSubscriber: false\n").limits().perSubscriberEnabled()).isFalse();
        assertThat(parse(MINIMAL + "limits:\n  perSubscriber: 3/1h\n").limits().perSubscriberWindow())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void secretsComeFromTheEnvironment() {
        GatewayConfig c = parse(MINIMAL.replace("\"cm-pass1\"", "\"${CM_PASS}\""));
        assertThat(c.carriers().get(0).password()).isEqualTo("secret12");
        assertRejected(MINIMAL.replace("\"cm-pass1\"", "\"${NOPE}\""),
                "carriers[0].password: environment variable NOPE is not set");
    }

    @Test
    void passwordsNeverAppearInToString() {
        assertThat(parse(MINIMAL).toString()).doesNotContain("cm-pass1");
    }

    @Test
    void invalidYamlAndDuplicateKeysAreRefused() {
        assertThatThrownBy(() -> parse("smpp: [")).isInstanceOf(ConfigException.class).hasMessageStartingWith("not valid YAML");
        assertThatThrownBy(() -> parse(MINIMAL + "metrics: {}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics");
    }
}
