package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 #5 and #8 on the metrics port, with the shipped defaults, over real sockets from several loopback
 * addresses: a peer cannot hold connections without limit, nor one for ever by trickling, and a page whose
 * name was rebound to this address cannot read it.
 */
class HttpLimitsIntegrationTests {

    private GatewayMetrics metrics;
    private AdminHttpServer server;
    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void start() {
        metrics = new GatewayMetrics(List.of("china-mobile"));
        server = AdminHttpServer.start(AdminHttpOptions.builder().port(0).build(), metrics,
                new HealthState(() -> true));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : held) {
            s.close();
        }
        server.close();
        metrics.close();
    }

    @Test
    void oneAddressGetsAtMostEightConnections() throws Exception {
        int answered = 0;
        for (int i = 0; i < 12; i++) {
            Socket s = connect("127.0.0.2");
            held.add(s);
            if (statusLine(s, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").startsWith("HTTP/1.1 200")) {
                answered++;
            }
        }
        assertThat(answered).as("answered of 12 from one address").isEqualTo(8);
        Socket other = connect("127.0.0.1");
        held.add(other);
        assertThat(statusLine(other, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).as("another address")
                .startsWith("HTTP/1.1 200");
    }

    /** Peers on many addresses holding every slot must not keep a health probe out: the oldest goes. */
    @Test
    void aHealthProbeGetsInWhileOtherAddressesHoldEverySlot() throws Exception {
        try (AdminHttpServer small = AdminHttpServer.start(AdminHttpOptions.builder().port(0).maxConnections(4)
                .maxConnectionsPerAddress(2).build(), metrics, new HealthState(() -> true))) {
            for (String from : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
                for (int i = 0; i < 2; i++) {
                    Socket s = connect(from, small.port());
                    held.add(s);
                    s.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            try (Socket probe = connect("127.0.0.1", small.port())) {
                assertThat(statusLine(probe, "GET /health/live HTTP/1.1\r\nHost: 10.0.0.1:9464\r\n\r\n"))
                        .startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void twoHostHeadersAreRefused() throws Exception {
        try (Socket s = connect("127.0.0.1")) {
            assertThat(statusLine(s, "GET /metrics HTTP/1.1\r\nHost: localhost\r\nHost: rebound.example\r\n\r\n"))
                    .startsWith("HTTP/1.1 403");
        }
    }

    /** One octet a second restarted the idle timer every time: the request never ended, nor the connection. */
    @Test
    void aRequestTrickledOctetByOctetIsClosedAfterTheRequestTimeout() throws Exception {
        try (Socket s = connect("127.0.0.3")) {
            OutputStream out = s.getOutputStream();
            out.write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(1000);
            boolean closed = false;
            for (int second = 0; second < 15 && !closed; second++) {
                try {
                    out.write('X');
                    out.flush();
                    closed = s.getInputStream().read() < 0;
                } catch (SocketTimeoutException e) {
                    // still open: the next octet
                } catch (SocketException e) {
                    closed = true; // reset
                }
            }
            assertThat(closed).as("closed within 15 s").isTrue();
        }
    }

    @Test
    void aHostNameThatIsNotThisServersIsRefused() throws Exception {
        try (Socket s = connect("127.0.0.1")) {
            assertThat(statusLine(s, "GET /metrics HTTP/1.1\r\nHost: rebound.example:9464\r\n\r\n"))
                    .startsWith("HTTP/1.1 403");
        }
        try (Socket s = connect("127.0.0.1")) {
            assertThat(statusLine(s, "GET /metrics HTTP/1.1\r\nHost: localhost:9464\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
        }
    }

    private Socket connect(String from) throws IOException {
        return connect(from, server.port());
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Sends {@code request}; the response's status line, or "" when the server closed the connection instead. */
    private static String statusLine(Socket s, String request) throws IOException {
        s.setSoTimeout(10_000);
        try {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return line.toString();
        } catch (SocketException e) {
            return "";
        }
    }
}
