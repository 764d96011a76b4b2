package io.cxmyd.itinerary.cache;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster of the test's own on loopback: six {@code redis-server} processes on free ports,
 * joined by {@code redis-cli --cluster create ... --cluster-replicas 1} into three masters with one replica
 * each, ready once every node reports {@code cluster_state:ok}. A short {@code cluster-node-timeout} (2 s) so
 * that a killed master's replica takes over within a few seconds. {@link #command} speaks RESP over a plain
 * socket and follows MOVED, so what the tests check does not go through the client under test.
 */
public final class RedisCluster implements AutoCloseable {

    private static final String CLI = "/usr/bin/redis-cli";
    /** How long a node may be unreachable before it is failed over (Redis' default is 15 s). */
    public static final int NODE_TIMEOUT_MILLIS = 2000;

    private final List<RedisServer> nodes;
    private final Path dir;

    private RedisCluster(List<RedisServer> nodes, Path dir) {
        this.nodes = nodes;
        this.dir = dir;
    }

    /** Starts six nodes, creates the cluster and waits until it serves every slot. */
    public static RedisCluster start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("redis-cluster");
        List<RedisServer> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes, dir);
        try {
            for (int i = 0; i < 6; i++) {
                nodes.add(RedisServer.start(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes-" + i + ".conf").toString(),
                        "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS),
                        "--dir", dir.toString())));
            }
            List<String> create = new ArrayList<>(List.of(CLI, "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("redis-cli --cluster create failed: " + out);
            }
            cluster.awaitOk(TimeUnit.SECONDS.toNanos(30));
            cluster.awaitReplicas(TimeUnit.SECONDS.toNanos(30));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code redis://127.0.0.1:port} of every node, for {@code cache.redisCluster}. */
    public List<String> seeds() {
        return nodes.stream().map(RedisServer::uri).toList();
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** Waits until every running node says {@code cluster_state:ok} and agrees on the masters of every slot. */
    public void awaitOk(long timeoutNanos) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + timeoutNanos;
        while (true) {
            boolean ok = true;
            for (RedisServer n : nodes) {
                if (n.running()) {
                    try {
                        ok &= String.valueOf(call(n.port(), "CLUSTER", "INFO")).contains("cluster_state:ok");
                    } catch (IOException notYet) {
                        ok = false;
                    }
                }
            }
            if (ok) {
                return;
            }
            if (System.nanoTime() > giveUp) {
                throw new IOException("cluster not ok in time");
            }
            TimeUnit.MILLISECONDS.sleep(100); // the cluster converging, not the code under test
        }
    }

    /** Waits until a node other than {@code old} is master of {@code key}'s slot and the cluster is ok. */
    public RedisServer awaitNewMaster(String key, RedisServer old) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                RedisServer now = masterOf(key);
                if (now != old && now.running()) {
                    awaitOk(giveUp - System.nanoTime());
                    return now;
                }
            } catch (IOException notYet) {
                // a node between two views
            }
            if (System.nanoTime() > giveUp) {
                throw new IOException("no replica promoted in time");
            }
            TimeUnit.MILLISECONDS.sleep(100); // the cluster failing over, not the code under test
        }
    }

    /** Waits until every master has a replica attached (its first sync done), so WAIT can be answered. */
    public void awaitReplicas(long timeoutNanos) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + timeoutNanos;
        while (true) {
            boolean all = true;
            for (RedisServer n : nodes) {
                if (n.running()) {
                    List<?> role = (List<?>) call(n.port(), "ROLE");
                    if ("master".equals(role.get(0)) && ((List<?>) role.get(2)).isEmpty()) {
                        all = false;
                    } else if ("slave".equals(role.get(0)) && !"connected".equals(role.get(3))) {
                        all = false;
                    }
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > giveUp) {
                throw new IOException("replicas not in sync in time");
            }
            TimeUnit.MILLISECONDS.sleep(100); // the replicas syncing, not the code under test
        }
    }

    /** The node that is master of {@code key}'s slot now. */
    public RedisServer masterOf(String key) throws IOException {
        long slot = (Long) command("CLUSTER", "KEYSLOT", key);
        for (RedisServer n : nodes) {
            if (!n.running()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> ranges = (List<Object>) call(n.port(), "CLUSTER", "SLOTS");
            for (Object r : ranges) {
                List<?> range = (List<?>) r;
                if ((Long) range.get(0) <= slot && slot <= (Long) range.get(1)) {
                    long port = (Long) ((List<?>) range.get(2)).get(1);
                    return nodes.stream().filter(x -> x.port() == port).findFirst().orElseThrow();
                }
            }
        }
        throw new IOException("no node serves slot " + slot);
    }

    /** A running replica of {@code master}. */
    public RedisServer replicaOf(RedisServer master) throws IOException {
        for (RedisServer n : nodes) {
            if (n != master && n.running()) {
                List<?> role = (List<?>) call(n.port(), "ROLE");
                if ("slave".equals(role.get(0)) && Long.valueOf(master.port()).equals(role.get(2))) {
                    return n;
                }
            }
        }
        throw new IOException("no replica of 127.0.0.1:" + master.port());
    }

    /** {@code ROLE} of a node as one string. */
    public String role(RedisServer node) throws IOException {
        return String.valueOf(call(node.port(), "ROLE"));
    }

    /** Sends one command to a running node and follows MOVED; replies: String, Long, List or null. */
    public Object command(String... args) throws IOException {
        IOException last = null;
        for (RedisServer n : nodes) {
            if (!n.running()) {
                continue;
            }
            int port = n.port();
            for (int hop = 0; hop < 5; hop++) {
                try {
                    return call(port, args);
                } catch (IOException e) {
                    String m = String.valueOf(e.getMessage());
                    if (m.startsWith("redis error: MOVED") || m.startsWith("redis error: ASK")) {
                        port = Integer.parseInt(m.substring(m.lastIndexOf(':') + 1).trim());
                        continue;
                    }
                    last = e;
                    break;
                }
            }
        }
        throw last != null ? last : new IOException("no node answered " + args[0]);
    }

    /** One command on one node, RESP2. */
    public static Object call(int port, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Object read(InputStream in) throws IOException {
        String line = line(in);
        switch (line.charAt(0)) {
            case '+':
                return line.substring(1);
            case ':':
                return Long.parseLong(line.substring(1));
            case '-':
                throw new IOException("redis error: " + line.substring(1));
            case '$': {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    try {
                        items.add(read(in));
                    } catch (IOException e) {
                        if (!String.valueOf(e.getMessage()).startsWith("redis error")) {
                            throw e;
                        }
                        items.add(e.getMessage());
                    }
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply: " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return sb.toString();
            }
            sb.append((char) c);
        }
        throw new IOException("connection closed");
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp folder left behind
        }
    }
}
