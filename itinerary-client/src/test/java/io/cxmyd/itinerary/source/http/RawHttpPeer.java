package io.cxmyd.itinerary.source.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A loopback peer that speaks HTTP by hand, for what a real server will not do on request: close a
 * connection without answering, or in the middle of a response. Request {@code n} (0-based, counted over
 * all connections) gets {@code script.apply(n)}: the bytes to write, then the connection closes if
 * {@link Step#close()}; a {@code null} step closes at once without a byte.
 */
final class RawHttpPeer implements AutoCloseable {

    record Step(byte[] bytes, boolean close) {
        static Step answer(String response) {
            return new Step(response.getBytes(StandardCharsets.UTF_8), false);
        }

        static Step partial(String response) {
            return new Step(response.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    private final ServerSocket server;
    private final IntFunction<Step> script;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    RawHttpPeer(IntFunction<Step> script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "raw-http-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static String ok(String json) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket), "raw-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (readRequest(in)) {
                Step step = script.apply(requests.getAndIncrement());
                if (step == null) {
                    return;
                }
                out.write(step.bytes());
                out.flush();
                if (step.close()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client closed: done
        }
    }

    /** Reads one request (head and Content-Length body); false at end of stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return in.readNBytes(length).length == length;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
