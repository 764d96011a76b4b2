package io.cxmyd.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.sms.Concatenation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void aTypoOfARequiredSectionIsReportedAsAnUnknownKeyNotAsTheMissingSection() {
        assertRejected(MINIMAL.replace("smpp: {}", "smtp: {}"), "smtp: unknown key (did you mean smpp?)");
        assertRejected(MINIMAL.replace("carriers:", "carrier:"), "carrier: unknown key (did you mean carriers?)");
        assertRejected(MINIMAL.replace("    systemId: cmcc", "    sytsemId: cmcc"),
                "carriers[0].sytsemId: unknown key (did you mean systemId?)");
    }

    @Test
    void aMissingSectionWithNoNearMissIsStillReportedAsMissing() {
        assertRejected(MINIMAL.replace("smpp: {}", "transport: {}"), "smpp: required section is missing");
    }

    @Test
    void aKeyFarFromEveryKnownKeyGetsNoSuggestion() {
        assertRejected(MINIMAL + "zzz: 1\n", "zzz: unknown key");
    }

    @TempDir
    Path dir;

    private static final String MINIMAL = MinimalConfig.YAML;

    private GatewayConfig parse(String yaml) {
        return MinimalConfig.parse(dir, yaml, Map.of("CM_PASS", "secret12"));
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
        assertRejected(MINIMAL.replace("smpp: {}", "smpp:\n  prot: 2775"), "smpp.prot: unknown key (did you mean port?)");
        assertRejected(MINIMAL + "colour: blue\n", "colour: unknown key");
        assertRejected(MINIMAL.replace("systemId: cmcc", "systemId: cmcc\n    pasword: x"),
                "carriers[0].pasword: unknown key (did you mean password?)");
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
        assertRejected(MINIMAL.replace("source: local", "source: ftp"), "itinerary.source: must be local, http or store, was \"ftp\"");
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
        assertRejected(MINIMAL + "itinerary2: {}\n", "itinerary2: unknown key (did you mean itinerary?)");
    }

    @Test
    void journalIsOnByDefaultBesideTheConfigFile() {
        GatewayConfig.Journal j = parse(MINIMAL).journal();
        assertThat(j.enabled()).isTrue();
        assertThat(j.dir()).isEqualTo(dir.resolve("var/journal"));
        assertThat(j.fsyncInterval()).isEqualTo(Duration.ofMillis(1));
        assertThat(j.commitTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(j.segmentBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void theQueryPathsSettingsHaveTheDocumentedDefaults() {
        GatewayConfig c = parse(MINIMAL);
        assertThat(c.workers()).isEqualTo(new GatewayConfig.Workers(2, 10_000));
        assertThat(c.reassembly()).isEqualTo(new GatewayConfig.Reassembly(Duration.ofSeconds(60), 10_000));
        assertThat(c.consent().storeTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theQueryPathsSettingsAreReadAndNamedWhenWrong() {
        GatewayConfig c = parse(MINIMAL + """
                workers:
                  threads: 8
                  queueCapacity: 500
                reassembly:
                  timeout: 2m
                  maxPartsHeld: 100
                consent:
                  storeTimeout: 2s
                """);
        assertThat(c.workers()).isEqualTo(new GatewayConfig.Workers(8, 500));
        assertThat(c.reassembly()).isEqualTo(new GatewayConfig.Reassembly(Duration.ofMinutes(2), 100));
        assertThat(c.consent().storeTimeout()).isEqualTo(Duration.ofSeconds(2));

        assertRejected(MINIMAL + "workers:\n  threads: 0\n", "workers.threads: must be between 1 and 256, was 0");
        assertRejected(MINIMAL + "reassembly:\n  maxPartsHeld: 0\n",
                "reassembly.maxPartsHeld: must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> parse(MINIMAL + "reassembly:\n  timeout: 0s\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("reassembly.timeout: ");
        assertThatThrownBy(() -> parse(MINIMAL + "consent:\n  storeTimeout: 1ms\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("consent.storeTimeout: ");
    }

    @Test
    void journalKeysAreReadAndValidated() {
        GatewayConfig.Journal j = parse(MINIMAL + """
                journal:
                  enabled: false
                  dir: /srv/cxmyd/journal
                  fsyncInterval: 0ms
                  commitTimeout: 2s
                  segmentMegabytes: 8
                """).journal();
        assertThat(j.enabled()).isFalse();
        assertThat(j.dir()).isEqualTo(Path.of("/srv/cxmyd/journal"));
        assertThat(j.fsyncInterval()).isZero();
        assertThat(j.commitTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(j.segmentBytes()).isEqualTo(8L * 1024 * 1024);

        assertRejected(MINIMAL + "journal:\n  segmentMegabytes: 0\n",
                "journal.segmentMegabytes: must be between 1 and 4096, was 0");
        assertRejected(MINIMAL + "journal:\n  dir: \"\"\n", "journal.dir: must name a folder, was empty");
        assertRejected(MINIMAL + "journal:\n  fsync: 1ms\n", "journal.fsync: unknown key");
        assertThatThrownBy(() -> parse(MINIMAL + "journal:\n  fsyncInterval: 1s\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("journal.fsyncInterval: ");
        assertThatThrownBy(() -> parse(MINIMAL + "journal:\n  commitTimeout: 1ms\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("journal.commitTimeout: ");
    }

    @Test
    void redisJournalKeysAreReadAndNeedCacheRedis() {
        GatewayConfig.Journal d = parse(MINIMAL).journal();
        assertThat(d.store()).isEqualTo(GatewayConfig.Journal.Store.DISK);
        assertThat(d.instanceId()).isEmpty();
        assertThat(d.claimMinIdle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.streamMaxLength()).isEqualTo(1_000_000);

        GatewayConfig.Journal j = parse(MINIMAL + """
                cache:
                  redis: redis://127.0.0.1:6379
                journal:
                  store: redis
                  instanceId: gw-a.1
                  claimMinIdle: 2s
                  streamMaxLength: 5000
                """).journal();
        assertThat(j.store()).isEqualTo(GatewayConfig.Journal.Store.REDIS);
        assertThat(j.instanceId()).contains("gw-a.1");
        assertThat(j.claimMinIdle()).isEqualTo(Duration.ofSeconds(2));
        assertThat(j.streamMaxLength()).isEqualTo(5000);

        assertRejected(MINIMAL + "journal:\n  store: redis\n", "journal.store: redis needs cache.redis or cache.redisCluster");
        assertRejected(MINIMAL + "journal:\n  store: etcd\n", "journal.store: must be one of disk, redis, was \"etcd\"");
        assertRejected(MINIMAL + "journal:\n  instanceId: \"a b\"\n",
                "journal.instanceId: 1 to 64 of A-Z a-z 0-9 . _ : -, was \"a b\"");
        assertThatThrownBy(() -> parse(MINIMAL + "journal:\n  claimMinIdle: 10ms\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("journal.claimMinIdle: ");
        assertThatThrownBy(() -> parse(MINIMAL + "journal:\n  streamMaxLength: 10\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("journal.streamMaxLength: ");
    }

    @Test
    void aRedisClusterIsGivenByItsSeedsInsteadOfOneServer() {
        GatewayConfig c = parse(MINIMAL + """
                cache:
                  redisCluster: ["redis://127.0.0.1:7000", "redis://127.0.0.1:7001"]
                journal:
                  store: redis
                """);
        assertThat(c.cache().redisConfigured()).isTrue();
        assertThat(c.cache().redis()).isEmpty();
        assertThat(c.cache().redisEndpoints().orElseThrow().cluster()).isTrue();
        assertThat(c.cache().redisEndpoints().orElseThrow().uris())
                .containsExactly("redis://127.0.0.1:7000", "redis://127.0.0.1:7001");

        assertRejected(MINIMAL + "cache:\n  redis: redis://127.0.0.1:6379\n  redisCluster: [\"redis://127.0.0.1:7000\"]\n",
                "cache.redisCluster: set either cache.redis or cache.redisCluster, not both");
        assertRejected(MINIMAL + "cache:\n  redisCluster: []\n",
                "cache.redisCluster: at least one seed (redis://host:port), was an empty list");
        assertRejected(MINIMAL + "cache:\n  redisCluster: [\"redis://127.0.0.1:7000\", \"http://x:1\"]\n",
                "cache.redisCluster[1]: must be a redis://host:port URI, was \"http://x:1\"");
        assertRejected(MINIMAL + "cache:\n  redisCluster: redis://127.0.0.1:7000\n",
                "cache.redisCluster: must be a list, was \"redis://127.0.0.1:7000\"");
    }

    @Test
    void sharedConsentStateNeedsTheSharedHashKey() {
        String consent = MINIMAL.replace("password: \"cm-pass1\"", "password: \"cm-pass1\"\n    verification: confirm")
                + "cache:\n  redis: redis://127.0.0.1:6379\n";
        assertRejected(consent, "cache.hashKey: required when cache.redis or cache.redisCluster is set and a carrier has a verification step");
        assertThat(parse(consent.replace("cache:\n", "cache:\n  hashKey: 0123456789abcdef0123\n")).cache().hashKey())
                .isPresent();
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

    private static String withCarrierLine(String line) {
        return MINIMAL.replace("    password: \"cm-pass1\"\n", "    password: \"cm-pass1\"\n    " + line + "\n");
    }

    @Test
    void consentDefaultsToNoVerificationAndTheDocumentedSettings() {
        GatewayConfig c = parse(MINIMAL);
        assertThat(c.carriers().get(0).verification()).isEqualTo(Verification.NONE);
        assertThat(c.consent().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.consent().maxAttempts()).isEqualTo(3);
        assertThat(c.consent().auditLog()).isEqualTo(dir.resolve("var/audit/consent.log"));
        assertThat(c.consent().auditRetentionDays()).isEqualTo(180);
        assertThat(c.consent().idHashKey()).isEmpty();
    }

    @Test
    void consentSettingsAreRead() {
        GatewayConfig c = parse(withCarrierLine("verification: id-last4") + """
                consent:
                  window: 5m
                  maxAttempts: 5
                  auditLog: /var/log/cxmyd/audit.log
                  auditRetention: 365d
                  idHashKey: ${CM_PASS}-and-some-more
                """);
        assertThat(c.carriers().get(0).verification()).isEqualTo(Verification.ID_LAST4);
        assertThat(c.consent().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.consent().maxAttempts()).isEqualTo(5);
        assertThat(c.consent().auditLog()).isEqualTo(Path.of("/var/log/cxmyd/audit.log"));
        assertThat(c.consent().auditRetentionDays()).isEqualTo(365);
        assertThat(c.consent().idHashKey()).contains("secret12-and-some-more");
        assertThat(c.consent().toString()).doesNotContain("secret12");
    }

    @Test
    void badConsentSettingsAreNamed() {
        assertRejected(withCarrierLine("verification: sms"),
                "carriers[0].verification: must be one of none, confirm, id-last4, was \"sms\"");
        assertRejected(withCarrierLine("verification: id-last4"),
                "consent.idHashKey: required when a carrier's verification is id-last4 (carriers[0])");
        assertRejected(MINIMAL + "consent:\n  idHashKey: short\n", "consent.idHashKey: at least 16 characters, was 5");
        assertRejected(MINIMAL + "consent:\n  maxAttempts: 0\n", "consent.maxAttempts: must be between 1 and 100, was 0");
        assertRejected(MINIMAL + "consent:\n  auditRetention: 36h\n", "consent.auditRetention: must be whole days such as 180d, was 36h");
        assertRejected(MINIMAL + "consent:\n  window: 10s\n", "consent.window: must be between 30s and 24h, was 10s");
        assertRejected(MINIMAL + "consent:\n  windows: 10m\n", "consent.windows: unknown key (did you mean window?)");
    }

    // --- bind security (smpp.maxConnections, pduReadTimeout, bindFailures, tls; carriers[].allowFrom, maxBinds) ---

    private static final String CARRIER_KEYS = "    password: \"cm-pass1\"\n";

    @Test
    void bindSecurityDefaults() {
        GatewayConfig c = parse(MINIMAL);
        assertThat(c.smpp().maxConnections()).isEqualTo(64);
        assertThat(c.smpp().pduReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.smpp().pduProcessorThreads()).isEqualTo(2);
        assertThat(c.smpp().bindFailures()).isEqualTo(
                new GatewayConfig.BindFailures(3, Duration.ofMinutes(15), Duration.ofSeconds(3)));
        assertThat(c.smpp().maxUnboundPerAddress()).isEqualTo(8);
        assertThat(c.smpp().reservedForAllowLists()).isEqualTo(16);
        assertThat(c.smpp().tls()).isEmpty();
        assertThat(c.carriers().get(0).allowFrom()).isEmpty();
        assertThat(c.carriers().get(0).maxBinds()).isEqualTo(8);
    }

    @Test
    void bindSecurityKeysAreRead() throws IOException {
        Files.writeString(dir.resolve("smpp.p12"), "not checked here");
        GatewayConfig c = parse(MINIMAL.replace("smpp: {}", """
                smpp:
                  maxConnections: 200
                  pduReadTimeout: 3s
                  pduProcessorThreads: 8
                  bindFailures: {free: 5, window: 1m, maxDelay: 1s}
                  maxUnboundPerAddress: 2
                  reservedForAllowLists: 20
                  tls: {port: 3775, keystore: smpp.p12, keystorePassword: "${CM_PASS}"}
                """).replace(CARRIER_KEYS, CARRIER_KEYS + """
                    allowFrom: ["127.0.0.1", "10.0.0.0/8", "2001:db8::/32"]
                    maxBinds: 2
                """));
        assertThat(c.smpp().maxConnections()).isEqualTo(200);
        assertThat(c.smpp().pduReadTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.smpp().pduProcessorThreads()).isEqualTo(8);
        assertThat(c.smpp().bindFailures()).isEqualTo(
                new GatewayConfig.BindFailures(5, Duration.ofMinutes(1), Duration.ofSeconds(1)));
        assertThat(c.smpp().maxUnboundPerAddress()).isEqualTo(2);
        assertThat(c.smpp().reservedForAllowLists()).isEqualTo(20);
        assertThat(c.smpp().tls()).contains(
                new GatewayConfig.Tls(3775, dir.resolve("smpp.p12"), "secret12", "PKCS12"));
        assertThat(c.carriers().get(0).allowFrom()).containsExactly("127.0.0.1", "10.0.0.0/8", "2001:db8::/32");
        assertThat(c.carriers().get(0).maxBinds()).isEqualTo(2);
        assertThat(c.toString()).doesNotContain("secret12");
    }

    @Test
    void httpLimitsAndTheAdminTokenAreRead() {
        GatewayConfig defaults = parse(MINIMAL);
        assertThat(defaults.metrics().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.metrics().maxConnections()).isEqualTo(64);
        assertThat(defaults.metrics().maxConnectionsPerAddress()).isEqualTo(8);
        assertThat(defaults.metrics().allowedHosts()).isEmpty();
        assertThat(defaults.admin().enabled()).isFalse();
        assertThat(defaults.admin().stateFile()).isEqualTo(dir.resolve("var/admin/suspended-carriers"));

        GatewayConfig c = parse(MINIMAL.replace("metrics: {}", """
                metrics:
                  requestTimeout: 2s
                  maxConnections: 10
                  maxConnectionsPerAddress: 2
                  allowedHosts: ["gw.example.net"]
                admin:
                  enabled: true
                  token: "${CM_PASS}-and-more-of-it"
                  stateFile: state/suspended
                """));
        assertThat(c.metrics().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.metrics().maxConnections()).isEqualTo(10);
        assertThat(c.metrics().maxConnectionsPerAddress()).isEqualTo(2);
        assertThat(c.metrics().allowedHosts()).containsExactly("gw.example.net");
        assertThat(c.admin().token()).isEqualTo("secret12-and-more-of-it");
        assertThat(c.admin().stateFile()).isEqualTo(dir.resolve("state/suspended"));
        assertThat(c.toString()).doesNotContain("secret12");
    }

    @Test
    void anEnabledAdminViewNeedsALongEnoughToken() {
        assertRejected(MINIMAL + "admin: {enabled: true}\n",
                "admin.token: required when admin.enabled is true; set it from the environment, "
                        + "e.g. token: \"${CXMYD_ADMIN_TOKEN}\"");
        assertRejected(MINIMAL + "admin: {enabled: true, token: short}\n",
                "admin.token: at least 16 characters, was 5");
        assertRejected(MINIMAL.replace("metrics: {}", "metrics: {maxConnectionsPerAddress: 0}"),
                "metrics.maxConnectionsPerAddress: must be between 1 and 10000, was 0");
    }

    @Test
    void badBindSecurityValuesAreNamed() throws IOException {
        assertRejected(MINIMAL.replace(CARRIER_KEYS, CARRIER_KEYS + "    allowFrom: [\"10.0.0.0/33\"]\n"),
                "carriers[0].allowFrom[0]: prefix length must be 0 to 32, was \"10.0.0.0/33\"");
        assertRejected(MINIMAL.replace(CARRIER_KEYS, CARRIER_KEYS + "    allowFrom: [\"smsc.example.com\"]\n"),
                "carriers[0].allowFrom[0]: must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8, was \"smsc.example.com\"");
        assertRejected(MINIMAL.replace(CARRIER_KEYS, CARRIER_KEYS + "    allowFrom: \"10.0.0.1\"\n"),
                "carriers[0].allowFrom: must be a list, was \"10.0.0.1\"");
        assertRejected(MINIMAL.replace(CARRIER_KEYS, CARRIER_KEYS + "    maxBinds: 0\n"),
                "carriers[0].maxBinds: must be between 1 and 1000, was 0");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {pduProcessorThreads: 65}"),
                "smpp.pduProcessorThreads: must be between 1 and 64, was 65");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {maxConnections: 0}"),
                "smpp.maxConnections: must be between 1 and 10000, was 0");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {pduReadTimeout: 10}"),
                "smpp.pduReadTimeout: must be a duration such as 500ms, 30s, 10m, 2h, was \"10\"");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {bindFailures: {maxDelay: 5s}}"),
                "smpp.bindFailures.maxDelay: must be between 0s and 4s, was 5s");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {bindFailures: {windw: 1m}}"),
                "smpp.bindFailures.windw: unknown key (did you mean window?)");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {lockout: {failures: 5}}"), "smpp.lockout: unknown key");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {maxConnections: 8, reservedForAllowLists: 8}"),
                "smpp.reservedForAllowLists: must be between 0 and 7, was 8");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {tls: {port: 3775, keystorePassword: x}}"),
                "smpp.tls.keystore: required key is missing");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {tls: {keystore: none.p12, keystorePassword: x}}"),
                "smpp.tls.port: required key is missing");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {tls: {port: 3775, keystore: none.p12, keystorePassword: x}}"),
                "smpp.tls.keystore: no readable file " + dir.resolve("none.p12"));
        Files.writeString(dir.resolve("k.p12"), "x");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {tls: {port: 3775, keystore: k.p12}}"),
                "smpp.tls.keystorePassword: required key is missing");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {tls: {port: 3775, keystore: k.p12, keystorePassword: x, keystoreType: PEM}}"),
                "smpp.tls.keystoreType: must be PKCS12 or JKS, was \"PEM\"");
        assertRejected(MINIMAL.replace("smpp: {}", "smpp: {port: 3775, tls: {port: 3775, keystore: k.p12, keystorePassword: x}}"),
                "smpp.tls.port: must differ from smpp.port, was 3775");
    }
}
