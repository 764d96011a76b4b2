package io.cxmyd.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Config files for tests that run the command line: {@link TestGateways}' config with real, chosen ports. */
final class CommandLineConfigs {

    private CommandLineConfigs() {
    }

    /** Writes {@code dir/gateway.yml}: SMPP on {@code smppPort}, metrics on {@code metricsPort}, then {@code extra}. */
    static Path write(Path dir, int smppPort, int metricsPort, String extra) throws IOException {
        String yaml = TestGateways.config(extra);
        int smpp = yaml.indexOf("  port: 0\n");
        yaml = yaml.substring(0, smpp) + "  port: " + smppPort + "\n" + yaml.substring(smpp + "  port: 0\n".length());
        int metrics = yaml.indexOf("  port: 0\n");
        yaml = yaml.substring(0, metrics) + "  port: " + metricsPort + "\n"
                + yaml.substring(metrics + "  port: 0\n".length());
        Path file = dir.resolve("gateway.yml");
        Files.writeString(file, yaml);
        return file;
    }

    /** A loopback port nothing listens on (just now). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
