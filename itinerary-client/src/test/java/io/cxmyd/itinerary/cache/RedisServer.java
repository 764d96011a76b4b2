package io.cxmyd.itinerary.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server of the test's own on a free loopback port: no persistence, killed by {@link #close()}
 * (and by a shutdown hook should the JVM exit first). {@link #command} speaks RESP over a plain socket,
 * so what the tests check about Redis does not go through the client under test.
 */
public final class RedisServer implements AutoCloseable {

    private static final String BINARY = "/usr/bin/redis-server";

    private final int port;
    private final java.util.List<String> extraArgs;
    private volatile Process process;
    private final Thread reaper = new Thread(this::kill, "redis-server-reaper");

    private RedisServer(int port, java.util.List<String> extraArgs) {
        this.port = port;
        this.extraArgs = java.util.List.copyOf(extraArgs);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts one on a free port and waits until it answers PING. */
    public static RedisServer start() throws IOException, InterruptedException {
        return start(java.util.List.of());
    }

    /** Starts one on a free port with more {@code redis-server} arguments (a cluster node's, say). */
    public static RedisServer start(java.util.List<String> extraArgs) throws IOException, InterruptedException {
        RedisServer server = new RedisServer(extraArgs.contains("--cluster-enabled") ? freeClusterPort() : freePort(),
                extraArgs);
        server.startProcess();
        return server;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Kills it at once (SIGKILL), as a crash would. */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGSTOP (true) or SIGCONT (false): a server that hangs, as a stalled host or a long GC-like pause would. */
    public void suspend(boolean stop) throws IOException, InterruptedException {
        Process p = process;
        if (p != null) {
            new ProcessBuilder("kill", stop ? "-STOP" : "-CONT", String.valueOf(p.pid())).start().waitFor();
        }
    }

    /** Starts it again on the same port, empty. */
    public void restart() throws IOException, InterruptedException {
        kill();
        startProcess();
    }

    private void startProcess() throws IOException, InterruptedException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(BINARY, "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"));
        args.addAll(extraArgs);
        process = new ProcessBuilder(args)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > giveUp) {
                    kill();
                    throw new IOException("redis-server did not start on port " + port, notYet);
                }
            }
            TimeUnit.MILLISECONDS.sleep(20); // the server process starting, not the code under test
        }
    }

    /**
     * Sends one command and returns the reply as text: a status or a bulk string ({@code null} for nil)
     * or an integer.
     */
    public String command(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
            switch (line.charAt(0)) {
                case '+':
                case ':':
                    return line.substring(1);
                case '$':
                    return line.equals("$-1") ? null : in.readLine();
                case '-':
                    throw new IOException("redis error: " + line);
                default:
                    throw new IOException("unexpected reply: " + line);
            }
        }
    }

    public long pttl(String key) throws IOException {
        return Long.parseLong(command("PTTL", key));
    }

    public boolean exists(String key) throws IOException {
        return !"0".equals(command("EXISTS", key));
    }

    /**
     * A free port whose cluster bus port (port + 10000) is free and valid too: redis-server refuses a cluster
     * node above 55535, and the kernel's ephemeral range reaches 60999.
     */
    private static int freeClusterPort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = freePort();
            if (port <= 55535) {
                try (ServerSocket bus = new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException busTaken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port pair for a cluster node");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
