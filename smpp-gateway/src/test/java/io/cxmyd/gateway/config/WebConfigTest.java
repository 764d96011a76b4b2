package io.cxmyd.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code web} section: the contract's keys and defaults, ours, and one-line refusals naming the key. */
class WebConfigTest {

    @TempDir
    Path dir;

    private GatewayConfig parse(String yaml) {
        return MinimalConfig.parse(dir, MinimalConfig.YAML + yaml,
                Map.of("HEALTH_CODE_KEY", "0123456789abcdef-key", "SHORT", "too-short"));
    }

    private void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void noWebSectionMeansNoWebChannel() {
        assertThat(parse("").web()).isEmpty();
    }

    @Test
    void contractExampleLoadsWithItsDefaults() {
        GatewayConfig.Web web = parse("""
                web:
                  host: 127.0.0.1
                  port: 8080
                  codes:
                    perAddressPerHour: 20
                  declarationClients:
                    - id: health-code
                      key: ${HEALTH_CODE_KEY}
                """).web().orElseThrow();

        assertThat(web.port()).isEqualTo(8080);
        assertThat(web.codes()).isEqualTo(new GatewayConfig.Web.Codes(20, 5, 600));
        assertThat(web.declarationClients()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("health-code");
            assertThat(c.key()).isEqualTo("0123456789abcdef-key");
            assertThat(c.perMinute()).isEqualTo(600);
            assertThat(c.toString()).doesNotContain("0123456789abcdef-key");
        });
        assertThat(web.sessionDays()).isEqualTo(7);
        assertThat(web.secureCookies()).isFalse();
        assertThat(web.hostNames()).containsExactly("127.0.0.1", "localhost");
        assertThat(web.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void emptyWebSectionTakesEveryDefault() {
        GatewayConfig.Web web = parse("web: {}\n").web().orElseThrow();
        assertThat(web.host()).isEqualTo("127.0.0.1");
        assertThat(web.port()).isEqualTo(8080);
        assertThat(web.declarationClients()).isEmpty();
    }

    @Test
    void shortDeclarationKeyIsRefusedWithoutShowingIt() {
        assertRejected("""
                web:
                  declarationClients:
                    - id: health-code
                      key: ${SHORT}
                """, "web.declarationClients[0].key: at least 16 characters, was 9");
    }

    @Test
    void unknownWebKeyIsRefused() {
        assertRejected("web:\n  codes:\n    perAdressPerHour: 3\n", "web.codes.perAdressPerHour: unknown key (did you mean perAddressPerHour?)");
    }

    @Test
    void webPortMustDifferFromTheOthers() {
        assertRejected("web:\n  port: 9464\n", "web.port: must differ from smpp.port and metrics.port, was 9464");
    }

    @Test
    void redisWithoutAHashKeyIsRefusedWhenTheWebKeepsItsStateThere() {
        assertRejected("cache:\n  redis: redis://127.0.0.1:6379\nweb: {}\n",
                "cache.hashKey: required when cache.redis is set and web is configured");
    }

    @Test
    void duplicateClientIdIsRefused() {
        assertRejected("""
                web:
                  declarationClients:
                    - id: a
                      key: "0123456789abcdef"
                    - id: a
                      key: "0123456789abcdeg"
                """, "web.declarationClients[1].id: duplicate client id \"a\"");
    }
}
