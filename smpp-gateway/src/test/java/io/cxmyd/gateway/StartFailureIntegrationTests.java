package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start-up failure the person starting the gateway can fix is one line on stderr and exit status 1: the
 * port someone else holds, the journal folder another gateway holds. The stack trace stays in the log at DEBUG.
 */
class StartFailureIntegrationTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void metricsPortInUseIsOneLineSayingWhoToAsk() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = CommandLineConfigs.write(dir, CommandLineConfigs.freePort(), taken.getLocalPort(), "");
            assertThat(run("--config", file.toString())).isEqualTo(1);
            assertThat(errText()).isEqualTo("cannot start: metrics: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use (another process holds that port, perhaps a gateway already running:"
                    + " stop it, or give this one other ports in " + file + ")" + System.lineSeparator());
        }
    }

    @Test
    void smppPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = CommandLineConfigs.write(dir, taken.getLocalPort(), CommandLineConfigs.freePort(), "");
            assertThat(run("--config", file.toString())).isEqualTo(1);
            assertThat(errText().lines()).singleElement().asString()
                    .startsWith("cannot start: SMPP server cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("another process holds that port");
        }
    }

    @Test
    void journalFolderHeldByAnotherGatewayIsOneLineSayingWhatToChange() throws Exception {
        Path first = CommandLineConfigs.write(Files.createDirectories(dir.resolve("first")), 0, 0,
                "journal:\n  dir: " + dir.resolve("journal") + "\n  commitTimeout: 10s\n");
        try (Gateway running = new Gateway(new ConfigLoader().load(first)).start()) {
            Path second = CommandLineConfigs.write(dir, CommandLineConfigs.freePort(), CommandLineConfigs.freePort(),
                    "journal:\n  dir: " + dir.resolve("journal") + "\n");
            assertThat(run("--config", second.toString())).isEqualTo(1);
            assertThat(errText()).isEqualTo("cannot start: journal folder " + dir.resolve("journal")
                    + " is in use by another gateway (stop that gateway, or give this one its own journal.dir in "
                    + second + ")" + System.lineSeparator());
        }
    }
}
