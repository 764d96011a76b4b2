package io.cxmyd.itinerary.source.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays the carrier platform of docs/itinerary-api.md on a loopback port (the JDK's HttpServer, port 0),
 * answering every request with the scripted {@link Behaviour}. Records what it received and how many TCP
 * connections carried it. For tests of this package and the gateway's (through the test jar).
 */
public final class FakePlatform implements AutoCloseable {

    /** A request as the platform saw it. */
    public record Recorded(String method, String uri, Map<String, List<String>> headers, String body, int remotePort) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** What to answer to a request. */
    @FunctionalInterface
    public interface Behaviour {
        Reply answer(Recorded request);
    }

    /**
     * One scripted answer.
     *
     * @param status HTTP status
     * @param contentType the Content-Type, or null
     * @param body the body (empty: no body)
     * @param chunked send with chunked transfer coding instead of Content-Length
     * @param hangs never answer: hold the request until the platform closes
     */
    public record Reply(int status, String contentType, byte[] body, boolean chunked, boolean hangs) {

        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), false, false);
        }

        public static Reply chunkedJson(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), true, false);
        }

        public static Reply text(int status, String text) {
            return new Reply(status, "text/plain", text.getBytes(StandardCharsets.UTF_8), false, false);
        }

        public static Reply empty(int status) {
            return new Reply(status, null, new byte[0], false, false);
        }

        public static Reply hang() {
            return new Reply(0, null, new byte[0], false, true);
        }
    }

    static {
        // The JDK server writes the head and the body in two packets; with Nagle on, the body waits for
        // the client's delayed ACK (~40 ms a response). Read once, when the server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<Integer> remotePorts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Behaviour behaviour = request -> Reply.empty(404);

    private FakePlatform(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1, a free port; answers 404 (unknown subscriber) until told otherwise. */
    public static FakePlatform start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-platform");
            t.setDaemon(true);
            return t;
        });
        FakePlatform platform = new FakePlatform(server, executor);
        server.createContext("/", platform::handle);
        server.setExecutor(executor);
        server.start();
        return platform;
    }

    /** Answers every following request with {@code b}. */
    public FakePlatform answer(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    /** Answers every following request with {@code reply}. */
    public FakePlatform answer(Reply reply) {
        return answer(request -> reply);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    /** Distinct TCP connections that carried a request (told apart by the client's port). */
    public int connectionsSeen() {
        return remotePorts.size();
    }

    /** A 200 body of docs/itinerary-api.md; {@code events} alternate time and area code. */
    public static String dataJson(String carrier, String activatedOn, String portedOn, String... events) {
        StringBuilder json = new StringBuilder("{\"subscriber\":{\"carrier\":\"").append(carrier)
                .append("\",\"activatedOn\":\"").append(activatedOn).append("\",\"portedOn\":")
                .append(portedOn == null ? "null" : "\"" + portedOn + "\"").append("},\"events\":[");
        for (int i = 0; i + 1 < events.length; i += 2) {
            json.append(i == 0 ? "" : ",").append("{\"time\":\"").append(events[i])
                    .append("\",\"area\":\"").append(events[i + 1]).append("\"}");
        }
        return json.append("]}").toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body, exchange.getRemoteAddress().getPort());
            requests.add(request);
            remotePorts.add(request.remotePort());
            Reply reply = behaviour.answer(request);
            if (reply.hangs()) {
                awaitClosing();
                return;
            }
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            byte[] bytes = reply.body();
            long length = bytes.length == 0 ? -1 : reply.chunked() ? 0 : bytes.length;
            exchange.sendResponseHeaders(reply.status(), length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client went away (a timeout closed its end): nothing to answer
        }
    }

    private void awaitClosing() {
        try {
            closing.await(60, TimeUnit.SECONDS); // bounded: a forgotten close must not pin a thread forever
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
