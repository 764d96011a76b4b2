package io.cxmyd.gateway.esme;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.MainRunner;
import io.cxmyd.gateway.TestGateways;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code smsc} command against a real gateway in ESME mode: it takes the bind and prints the whole reply. */
class SmscCommandIntegrationTests {

    @TempDir
    Path dir;

    /** The command points logback at the shipped file through system properties: the other tests must not see them. */
    private final java.util.Properties saved = (java.util.Properties) System.getProperties().clone();

    @org.junit.jupiter.api.AfterEach
    void restoreSystemProperties() {
        System.setProperties(saved);
    }

    @Test
    void smscCommandTakesTheGatewaysBindAndPrintsTheWholeReply() throws Exception {
        int port = EsmeGateways.freePort();
        String yaml = EsmeGateways.config(port, "bind: pair\n", "");
        Path file = dir.resolve("gateway.yml");
        Files.writeString(file, yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> MainRunner.run(new String[] {
            "smsc", "--config", file.toString(), "--carrier", "china-mobile", "--from", "13800138000",
            "--timeout", "30s"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        EsmeGateways.await("the smsc command listening", () -> err.toString(StandardCharsets.UTF_8)
                .contains("waiting for the gateway's bind"), Duration.ofSeconds(30));

        try (Gateway gateway = TestGateways.start(yaml)) {
            assertThat(exit.get()).as("exit status; stderr: %s", err).isZero();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("【中国移动】")
                .contains("北京市、河北省石家庄市、广东省广州市、湖北省仙桃市").contains("日本");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("reply from 10086 in 2 part(s)");
    }
}
