package io.cxmyd.gateway.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway as a separate JVM ({@code Main run --config FILE}) on this test's class path, so it can be
 * killed with SIGKILL ({@link Process#destroyForcibly()}) or stopped with SIGTERM ({@link Process#destroy()})
 * and started again on the same ports and journal folder.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path DEMO = Path.of("..", "config", "demo-data").toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path config;
    final int smppPort;
    final int metricsPort;
    private Process process;
    private int starts;

    /** Writes a config in {@code dir} on two free loopback ports; {@code extra} is appended YAML. */
    GatewayProcess(Path dir, String extra) throws IOException {
        this(dir, extra, "\"off\"");
    }

    /** The same, with {@code limits.perSubscriber} set to {@code perSubscriber} (YAML). */
    GatewayProcess(Path dir, String extra, String perSubscriber) throws IOException {
        this(dir, extra, perSubscriber, "");
    }

    /**
     * The same, with {@code chinaMobile} (YAML lines, e.g. an {@code smsc} block for ESME mode, indented as keys
     * of a carrier entry: four spaces) added to the china-mobile entry.
     */
    GatewayProcess(Path dir, String extra, String perSubscriber, String chinaMobile) throws IOException {
        this.dir = dir;
        this.smppPort = freePort();
        this.metricsPort = freePort();
        this.config = dir.resolve("gateway.yml");
        Files.writeString(config, """
                smpp:
                  host: 127.0.0.1
                  port: %d
                carriers:
                  - id: china-mobile
                    serviceNumbers: ["10086"]
                    systemId: cmcc
                    password: "cm-pass1"
                %s  - id: china-unicom
                    serviceNumbers: ["10010"]
                    systemId: cucc
                    password: "cu-pass1"
                  - id: china-telecom
                    serviceNumbers: ["10000"]
                    systemId: ctcc
                    password: "ct-pass1"
                itinerary:
                  source: local
                  local:
                    dir: %s
                metrics:
                  host: 127.0.0.1
                  port: %d
                limits:
                  perSubscriber: %s
                clock: "2026-11-21T09:30:00+08:00"
                journal:
                  dir: journal
                """.formatted(smppPort, chinaMobile, DEMO, metricsPort, perSubscriber) + extra);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Starts the JVM and returns once its SMPP port accepts connections. */
    void start() throws IOException, InterruptedException {
        Path log = dir.resolve("gateway-" + (starts + 1) + ".out");
        start(ProcessBuilder.Redirect.to(log.toFile()), log);
    }

    /**
     * The same, with the gateway's output (stdout and stderr) a pipe that this test never reads: like a log
     * reader that stopped, the pipe is full after its 64 KiB.
     */
    void startWithOutputUnread() throws IOException, InterruptedException {
        start(ProcessBuilder.Redirect.PIPE, null);
    }

    private void start(ProcessBuilder.Redirect output, Path log) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.cxmyd.gateway.Main", "run", "--config",
                config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue()
                        + (log == null ? "" : ": " + tail(log)));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", smppPort), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("gateway did not open its SMPP port in " + START_TIMEOUT
                + (log == null ? "" : ", see " + log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    /** The output (stdout and stderr) of the last {@link #start()}. */
    Path lastOutput() {
        return dir.resolve("gateway-" + starts + ".out");
    }

    /** kill -9: no drain, no unbind, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("gateway did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    String metrics() throws IOException, InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build();
        return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of an unlabelled counter or gauge in the scrape. */
    double metric(String name) throws IOException, InterruptedException {
        return metrics().lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(name.length() + 1).trim())).findFirst().orElseThrow(() -> new AssertionError(name + " not scraped"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
