package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit status 2 and one line naming the key for a bad configuration. */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badConfigurationExitsWithStatusTwoAndOneLineNamingTheKey() throws IOException {
        Path file = dir.resolve("gateway.yml");
        Files.writeString(file, """
                smpp: {}
                carriers:
                  - id: china-mobile
                    serviceNumbers: ["10086"]
                    systemId: cmcc
                    password: "far-too-long"
                itinerary: {source: local, local: {dir: .}}
                metrics: {}
                """);
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(errText()).isEqualTo("config error: carriers[0].password: at most 8 characters, was 12" + System.lineSeparator());
    }

    @Test
    void missingConfigurationFileIsAConfigError() {
        assertThat(run("run", "--config", dir.resolve("nope.yml").toString())).isEqualTo(2);
        assertThat(errText()).startsWith("config error: no configuration file at ");
    }

    @Test
    void malformedDatasetExitsWithStatusTwoAndFileLine() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("subscribers.csv"), "msisdn,carrier,activated_on,ported_on\n13800138000,china-mobile,2026-13-01,\n");
        Files.writeString(data.resolve("cells.csv"), "cell_id,area\nC1,440106\n");
        Files.writeString(data.resolve("signaling.csv"), "msisdn,time,cell_id\n");
        Path file = dir.resolve("gateway.yml");
        Files.writeString(file, """
                smpp: {port: 0}
                carriers:
                  - id: china-mobile
                    serviceNumbers: ["10086"]
                    systemId: cmcc
                    password: "cm-pass1"
                itinerary: {source: local, local: {dir: data}}
                metrics: {port: 0}
                """);
        assertThat(run("--config", file.toString())).isEqualTo(2);
        assertThat(errText()).startsWith("dataset error: subscribers.csv:2: ").doesNotContain("13800138000");
    }

    @Test
    void unknownCommandAndMissingOptionsAreUsageErrors() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(errText()).contains("unknown command: frobnicate").contains("usage:");
        err.reset();
        assertThat(run("send", "--carrier", "x")).isEqualTo(2);
        assertThat(errText()).contains("--config is required");
    }

    @Test
    void noArgumentsAtAllShowsTheCommandsOnStderr() {
        assertThat(run()).isEqualTo(2);
        assertThat(errText()).startsWith("usage: java -jar cxmyd-gateway.jar [COMMAND]");
    }

    @Test
    void aConfigFileWithoutConfigIsAskedAbout() {
        assertThat(run("gateway.yml")).isEqualTo(2);
        assertThat(errText()).startsWith("unknown command: gateway.yml (did you mean --config gateway.yml?)");
        err.reset();
        assertThat(run("run", "gateway.yml")).isEqualTo(2);
        assertThat(errText()).isEqualTo("unexpected argument: gateway.yml (did you mean --config gateway.yml?)"
                + " (java -jar cxmyd-gateway.jar run --help)" + System.lineSeparator());
    }

    @Test
    void aBadDurationFlagIsOneLineNamingTheFlagWithExitTwo() {
        assertThat(run("send", "--config", "x.yml", "--carrier", "china-mobile", "--from", "13800138000",
                "--timeout", "abc")).isEqualTo(2);
        assertThat(errText()).isEqualTo("--timeout: must be a duration such as 500ms, 30s, 10m, 2h, was \"abc\""
                + " (java -jar cxmyd-gateway.jar send --help)" + System.lineSeparator());
    }

    @Test
    void benchTakesTheSameDurationSyntaxAsTheConfig() {
        assertThat(run("bench", "--in-process", "x.yml", "--duration", "1.5s")).isEqualTo(2);
        assertThat(errText()).isEqualTo("--duration: must be a duration such as 500ms, 30s, 10m, 2h, was \"1.5s\""
                + " (java -jar cxmyd-gateway.jar bench --help)" + System.lineSeparator());
    }

    @Test
    void withoutLogbackBesideTheConfigTheShippedOneInsideTheJarIsUsed() throws IOException {
        String before = System.getProperty("logback.configurationFile");
        System.clearProperty("logback.configurationFile");
        try {
            Main.useLogbackBeside(dir.resolve("gateway.yml"));
            assertThat(System.getProperty("logback.configurationFile")).isEqualTo(Main.BUNDLED_LOGBACK);
            try (var in = Main.class.getClassLoader().getResourceAsStream(Main.BUNDLED_LOGBACK)) {
                assertThat(in).as("config/logback.xml copied into the jar").isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(Files.readString(Path.of("..", "config", "logback.xml")));
            }
            Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
            System.clearProperty("logback.configurationFile");
            Main.useLogbackBeside(dir.resolve("gateway.yml"));
            assertThat(System.getProperty("logback.configurationFile")).isEqualTo(dir.resolve("logback.xml").toString());
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
