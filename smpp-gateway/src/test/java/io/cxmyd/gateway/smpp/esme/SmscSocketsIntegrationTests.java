package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.smpp.TestKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the gateway opens its connection to a carrier's SMSC, over real loopback sockets: plain, TLS to an SMSC
 * whose certificate names the host dialled, TLS to one whose trusted certificate names another, and peers that
 * never take the connection or never answer the handshake.
 */
class SmscSocketsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            try {
                if (c instanceof Socket s && !s.isClosed()) {
                    // A TLS socket's close reads until the peer's close_notify; both ends are closed here, one
                    // after the other, so each may wait only a moment for the other.
                    s.setSoTimeout(100);
                }
                c.close();
            } catch (IOException e) {
                // closed already (a failed connect), or no close_notify within that moment: closed all the same
            }
        }
    }

    @Test
    void plainConnectionIsOpenWithNagleOff() throws Exception {
        ServerSocket smsc = kept(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));

        Socket socket = kept(new SmscSockets(null, TIMEOUT).open("127.0.0.1", smsc.getLocalPort()));

        assertThat(socket).isNotInstanceOf(SSLSocket.class);
        assertThat(socket.isConnected()).isTrue();
        assertThat(socket.getTcpNoDelay()).isTrue();
    }

    @Test
    // Without the connect timeout this would wait out the kernel's SYN retries: fail instead of hanging.
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConnectNeverTakenEndsAtTheTimeoutNotTheKernelsSynRetries() throws Exception {
        // A listener whose accept queue is full: Linux drops further SYNs, as a firewall that drops them does.
        ServerSocket smsc = kept(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        fillAcceptQueue(smsc.getLocalPort());

        assertThatThrownBy(() -> new SmscSockets(null, TIMEOUT).open("127.0.0.1", smsc.getLocalPort()))
                .isInstanceOf(SocketTimeoutException.class).hasMessage("connect not taken within 500 ms");
    }

    @Test
    void tlsToAnSmscWhoseCertificateNamesTheAddressDialled() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "127.0.0.1", "ip:127.0.0.1");
        SSLServerSocket smsc = tlsSmsc(key);

        SSLSocket socket = (SSLSocket) kept(trusting(key).open("127.0.0.1", smsc.getLocalPort()));

        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(socket.getSession().getPeerHost()).isEqualTo("127.0.0.1");
        assertThat(socket.getTcpNoDelay()).isTrue();
        assertThat(socket.getSoTimeout()).as("left to jsmpp").isZero();
    }

    @Test
    void tlsToAnSmscWhoseCertificateNamesTheHostNameDialled() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "localhost", "dns:localhost");
        SSLServerSocket smsc = tlsSmsc(key);

        SSLSocket socket = (SSLSocket) kept(trusting(key).open("localhost", smsc.getLocalPort()));

        assertThat(socket.getSession().getPeerHost()).isEqualTo("localhost");
    }

    @Test
    void aTrustedCertificateThatNamesAnotherHostIsRefused() throws Exception {
        // Trusted (the trust store holds it), but issued to someone else: whoever holds it could be in the middle.
        Path key = TestKeys.keyStore(dir.resolve("other.p12"), "smsc.other.example", "dns:smsc.other.example");
        SSLServerSocket smsc = tlsSmsc(key);

        assertThatThrownBy(() -> trusting(key).open("127.0.0.1", smsc.getLocalPort()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("127.0.0.1");
    }

    @Test
    void anOperatorWhoTurnedTheNameCheckOffAcceptsATrustedCertificateForAnotherHost() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("other.p12"), "smsc.other.example", "dns:smsc.other.example");
        SSLServerSocket smsc = tlsSmsc(key);
        SmscSockets unchecked = new SmscSockets(TestKeys.trusting(key).getSocketFactory(), false, TIMEOUT);

        SSLSocket socket = (SSLSocket) kept(unchecked.open("127.0.0.1", smsc.getLocalPort()));

        assertThat(socket.getSession().isValid()).isTrue();
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "127.0.0.1", "ip:127.0.0.1");
        Path stranger = TestKeys.keyStore(dir.resolve("stranger.p12"), "127.0.0.1", "ip:127.0.0.1");
        SSLServerSocket smsc = tlsSmsc(stranger);

        assertThatThrownBy(() -> trusting(key).open("127.0.0.1", smsc.getLocalPort()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    // Without the handshake's timeout this would wait forever: fail instead of hanging.
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPeerThatNeverAnswersTheHandshakeEndsAtTheTimeout() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "127.0.0.1", "ip:127.0.0.1");
        ServerSocket silent = kept(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        CompletableFuture.runAsync(() -> {
            try {
                kept(silent.accept()); // takes the connection, never says a word
            } catch (IOException e) {
                // closed by the test's end
            }
        });

        assertThatThrownBy(() -> trusting(key).open("127.0.0.1", silent.getLocalPort()))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessage("TLS handshake not answered (is it a TLS port?) within 500 ms");
    }

    private SmscSockets trusting(Path key) throws Exception {
        return new SmscSockets(TestKeys.trusting(key).getSocketFactory(), TIMEOUT);
    }

    /** A TLS listener presenting {@code key} that handshakes every connection it accepts, and keeps it. */
    private SSLServerSocket tlsSmsc(Path key) throws Exception {
        SSLContext context = TestKeys.serving(key);
        SSLServerSocket server = kept((SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket s = kept((SSLSocket) server.accept());
                    try {
                        s.startHandshake();
                    } catch (IOException e) {
                        s.close(); // a client that refused our certificate
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-tls-smsc");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** Connects until one connect is not taken within the timeout: the listener's accept queue is then full. */
    private void fillAcceptQueue(int port) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket s = kept(new Socket());
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new AssertionError("the accept queue of a backlog-1 listener took 16 connections");
    }

    private <T extends AutoCloseable> T kept(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
