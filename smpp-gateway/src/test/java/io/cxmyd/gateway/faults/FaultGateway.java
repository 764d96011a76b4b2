package io.cxmyd.gateway.faults;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real gateway for the downstream fault tests: the demo dataset (or the HTTP source), its pinned clock,
 * the demo data's three carriers (the tests use china-mobile, system_id {@code cmcc}), ports 0, and what the
 * test adds to the YAML.
 */
final class FaultGateway {

    static final Path DEMO = Path.of("..", "config", "demo-data").toAbsolutePath().normalize();
    static final String CARRIER = "china-mobile";
    static final String SYSTEM_ID = "cmcc";
    static final String PASSWORD = "cm-pass1";
    static final String SERVICE_NUMBER = "10086";

    /** A subscriber of the demo data with a one-city week: Hangzhou, and the number-porting note. */
    static final String HANGZHOU = "13800138002";
    /** A subscriber of the demo data whose week is the Langfang bounce. */
    static final String LANGFANG = "13800138005";

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private FaultGateway() {
    }

    /**
     * The YAML of a gateway: {@code itinerary} is the whole itinerary block ({@link #LOCAL} or an HTTP one),
     * {@code extra} more top-level blocks. The per-subscriber limit is off: the tests ask for one number
     * many times.
     */
    static String yaml(String itinerary, String extra) {
        return """
                smpp:
                  host: 127.0.0.1
                  port: 0
                carriers:
                  - id: china-mobile
                    serviceNumbers: ["10086"]
                    systemId: cmcc
                    password: "cm-pass1"
                  - id: china-unicom
                    serviceNumbers: ["10010"]
                    systemId: cucc
                    password: "cu-pass1"
                  - id: china-telecom
                    serviceNumbers: ["10000"]
                    systemId: ctcc
                    password: "ct-pass1"
                metrics:
                  host: 127.0.0.1
                  port: 0
                limits:
                  perSubscriber: "off"
                clock: "2026-11-21T09:30:00+08:00"
                """ + itinerary + extra;
    }

    static final String LOCAL = """
            itinerary:
              source: local
              local:
                dir: %s
            """.formatted(DEMO);

    static Gateway start(String yaml) throws Exception {
        GatewayConfig c = io.cxmyd.gateway.TestGateways.parse(yaml);
        return new Gateway(c).start();
    }

    static SmppClient bind(Gateway gateway, SmppClient.BindMode mode) throws SmppClientException {
        return SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), SYSTEM_ID, PASSWORD)
                .withMode(mode));
    }

    /** The value of the sample {@code name} with exactly {@code labels} (name, value, ...); 0 when absent. */
    static double metric(Gateway gateway, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : gateway.metrics().scrape().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    found.put(l.group(1), l.group(2));
                }
            }
            if (found.equals(wanted)) {
                return Double.parseDouble(m.group(3));
            }
        }
        return 0;
    }

    static double replies(Gateway gateway, String result) {
        return metric(gateway, "cxmyd_replies_total", "carrier", CARRIER, "result", result);
    }

    static double queries(Gateway gateway, String outcome) {
        return metric(gateway, "cxmyd_queries_total", "carrier", CARRIER, "outcome", outcome);
    }

    /** Polls {@code condition} until it holds; fails after {@code timeout}. */
    static void await(String what, Callable<Boolean> condition, Duration timeout) throws Exception {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
