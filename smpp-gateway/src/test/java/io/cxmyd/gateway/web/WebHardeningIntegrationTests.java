package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web listener's limits, over raw sockets: what a hostile or broken client can and cannot do. The
 * connection cap runs first, while no earlier test's connection may still be counted as open by the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebHardeningIntegrationTests {

    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(TestGateways.config("""
                web:
                  host: 127.0.0.1
                  port: 0
                  maxConnectionsPerAddress: 4
                  requestTimeout: 1s
                  maxBodyBytes: 1024
                """));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", gateway.webPort());
        s.setSoTimeout(20_000);
        return s;
    }

    /** Everything the server sends until it closes, or until the first answer is whole (Content-Length). */
    private static String answer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            String text = out.toString(StandardCharsets.UTF_8);
            int head = text.indexOf("\r\n\r\n");
            int length = text.toLowerCase().indexOf("content-length: ");
            if (head > 0 && length > 0 && length < head) {
                int end = text.indexOf("\r\n", length);
                int body = Integer.parseInt(text.substring(length + 16, end).strip());
                if (out.size() >= head + 4 + body) {
                    break;
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String exchange(String request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return answer(s);
        }
    }

    @Test
    void hostHeaderNotConfiguredIsRefused() throws Exception {
        assertThat(exchange("GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(exchange("GET / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(exchange("GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String body = "{\"msisdn\":\"" + "1".repeat(2000) + "\"}";
        String r = exchange("POST /api/v1/codes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(r).startsWith("HTTP/1.1 413");
    }

    @Test
    void requestLineOverTheLimitIsRefused() throws Exception {
        String r = exchange("GET /" + "a".repeat(4000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(r).matches("(?s)HTTP/1.1 4\\d\\d.*");
    }

    @Test
    void tricklingClientGets408AtTheDeadlineInsteadOfHoldingTheConnection() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/codes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            AtomicInteger sent = new AtomicInteger();
            Thread trickle = new Thread(() -> {
                try {
                    // One byte every 100 ms: an idle timeout would never fire; 200 bytes would take 20 s.
                    for (int i = 0; i < 200; i++) {
                        out.write('1');
                        out.flush();
                        sent.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection: what this test waits for
                }
            });
            trickle.setDaemon(true);
            trickle.start();

            String r = answer(s);

            assertThat(r).startsWith("HTTP/1.1 408");
            assertThat(sent.get()).as("bytes sent before the answer").isLessThan(200);
            trickle.interrupt();
        }
    }

    @Test
    @Order(1)
    void connectionsPastThePerAddressCapAreClosed() throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                open.add(connect());
            }
            int answered = 0;
            int closed = 0;
            for (Socket s : open) {
                try {
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                    String r = answer(s);
                    if (r.startsWith("HTTP/1.1 200")) {
                        answered++;
                    } else {
                        closed++;
                    }
                } catch (IOException e) {
                    closed++;
                }
            }
            assertThat(answered).isEqualTo(4);
            assertThat(closed).isEqualTo(2);
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
