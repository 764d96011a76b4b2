package io.cxmyd.batch.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built gateway ({@code smpp-gateway/target/cxmyd-gateway.jar}) as a process of its own on free
 * loopback ports, with the demo config's carriers and pinned clock and the given itinerary block.
 */
public final class GatewayJar implements AutoCloseable {

    public static final Path JAR = Path.of("..", "smpp-gateway", "target", "cxmyd-gateway.jar").toAbsolutePath()
            .normalize();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int smppPort;
    private final int metricsPort;
    private final Path log;

    private GatewayJar(Process process, int smppPort, int metricsPort, Path log) {
        this.process = process;
        this.smppPort = smppPort;
        this.metricsPort = metricsPort;
        this.log = log;
    }

    /** Starts it in {@code dir} and returns once /health answers 200 (the source ready). */
    public static GatewayJar start(Path dir, String itineraryBlock, Map<String, String> env)
            throws IOException, InterruptedException {
        int smpp = freePort();
        int metrics = freePort();
        Path config = dir.resolve("gateway.yml");
        Files.writeString(config, """
                smpp:
                  host: 127.0.0.1
                  port: %d
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
                    serviceNumbers: ["10000", "10001"]
                    systemId: ctcc
                    password: "ct-pass1"
                %s
                metrics:
                  host: 127.0.0.1
                  port: %d
                limits:
                  perSubscriber: "off"
                clock: "2026-11-21T09:30:00+08:00"
                """.formatted(smpp, itineraryBlock, metrics));
        Path log = dir.resolve("gateway.log");
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx256m", "-jar", JAR.toString(), "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        GatewayJar g = new GatewayJar(pb.start(), smpp, metrics, log);
        g.awaitHealthy();
        return g;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200); // polling a process we do not control; no timing is asserted
        }
        throw new IllegalStateException("gateway not healthy within " + START_TIMEOUT.toSeconds() + " s:\n"
                + Files.readString(log));
    }

    /**
     * Sends CXMYD from each number over SMPP (one bind as china-mobile, in a JVM on the gateway jar's class
     * path) and returns {@code number<TAB>reply} lines in order.
     */
    public List<String> ask(String... numbers) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx128m", "-cp",
                JAR + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
                SmppAsk.class.getName(), String.valueOf(smppPort), "cmcc", "cm-pass1", "10086"));
        command.addAll(Arrays.asList(numbers));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("SmppAsk failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8).lines().filter(l -> l.matches("\\d{11}\t.*")).toList();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
