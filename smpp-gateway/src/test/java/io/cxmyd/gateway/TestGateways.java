package io.cxmyd.gateway;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real gateways for the integration tests of other packages: the demo dataset, the pinned clock of the demo,
 * the three carriers of {@link GatewayEndToEndIntegrationTests}, SMPP and metrics on free loopback ports.
 */
public final class TestGateways {

    /** Surefire and failsafe run in the module folder; the demo dataset is in the project's config/. */
    public static final Path DEMO = Path.of("..", "config", "demo-data").toAbsolutePath().normalize();

    private TestGateways() {
    }

    /**
     * The configuration: china-mobile (cmcc / cm-pass1, 10086), china-unicom (cucc / cu-pass1, 10010),
     * china-telecom (ctcc / ct-pass1, 10000 and 10001), the local demo dataset; {@code extra} is appended
     * (top-level sections the base does not have, e.g. {@code limits}, {@code admin}, {@code cache}).
     */
    public static String config(String extra) {
        return GatewayEndToEndIntegrationTests.config(extra);
    }

    /** {@code yaml} (from {@link #config}) with its {@code smpp} section replaced by {@code smpp}. */
    public static String withSmpp(String yaml, String smpp) {
        String base = "smpp:\n  host: 127.0.0.1\n  port: 0\n";
        if (!yaml.startsWith(base)) {
            throw new IllegalArgumentException("not a TestGateways config: no smpp section to replace");
        }
        return smpp + yaml.substring(base.length());
    }

    /** The same with the {@code itinerary} section replaced by {@code itinerary} (e.g. an HTTP source). */
    public static String configWithItinerary(String itinerary, String extra) {
        String base = config("");
        int start = base.indexOf("itinerary:\n");
        int end = base.indexOf("metrics:\n");
        return base.substring(0, start) + itinerary + base.substring(end) + extra;
    }

    /**
     * Parses {@code yaml} as if it were a file in a fresh temporary folder: what the config leaves relative
     * (the journal, the consent audit log) lands there, never in the project's tree, and no two test gateways
     * share a journal folder.
     */
    public static GatewayConfig parse(String yaml) throws Exception {
        Path dir = Files.createTempDirectory("cxmyd-test-config");
        if (!yaml.contains("\njournal:")) {
            // Tests that are not about the journal should not fail on a busy machine's fsync: the journal tests
            // (DurableAcceptIntegrationTests, JournalTest) hold it to the shipped 500ms.
            yaml += "journal:\n  commitTimeout: 10s\n";
        }
        return new ConfigLoader(Map.<String, String>of()::get).parse(yaml, dir, dir.resolve("test.yml"));
    }

    /** Parses and starts; the caller closes it. */
    public static Gateway start(String yaml) throws Exception {
        return new Gateway(parse(yaml)).start();
    }
}
