package io.cxmyd.gateway.esme;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Test gateways with china-mobile in ESME mode, bound out to a test SMSC; the other carriers stay in server mode. */
final class EsmeGateways {

    static final String CMCC_PASSWORD = "cm-pass1";

    private EsmeGateways() {
    }

    /**
     * The {@link TestGateways} config with {@code smsc} (the lines under it, two-space indented) added to
     * china-mobile, quick rebinds (unless the lines set them), and {@code extra} appended.
     */
    static String config(int smscPort, String smscLines, String extra) {
        String base = TestGateways.config(extra);
        String anchor = "    password: \"cm-pass1\"\n";
        if (!base.contains(anchor)) {
            throw new IllegalStateException("TestGateways' china-mobile entry changed");
        }
        String quick = (smscLines.contains("reconnectMin:") ? "" : "reconnectMin: 100ms\n")
                + (smscLines.contains("reconnectMax:") ? "" : "reconnectMax: 1s\n");
        String smsc = "    smsc:\n      host: 127.0.0.1\n      port: " + smscPort + "\n" + (quick + smscLines).indent(6);
        return base.replace(anchor, anchor + smsc);
    }

    static Gateway start(int smscPort, String smscLines, String extra) throws Exception {
        return TestGateways.start(config(smscPort, smscLines, extra));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
