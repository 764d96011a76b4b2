package io.cxmyd.gateway.smpp;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static io.cxmyd.gateway.smpp.ServerFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS listener with a key made by the JDK's keytool for the test, against a real TLS client: the same
 * server behind it (bind, submit_sm), TLS 1.2 and 1.3 only.
 */
class TlsListenerIntegrationTests {

    @TempDir
    static Path dir;

    private static ServerFixture fixture;
    private static SSLContext client;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = TestKeys.keyStore(dir.resolve("smpp.p12"), "127.0.0.1", "ip:127.0.0.1");

        fixture = new ServerFixture(SmppServerOptions.builder()
                .tls(new SmppTlsOptions(0, keystore, TestKeys.PASSWORD, "PKCS12")));
        client = TestKeys.trusting(keystore);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void bindAndSubmitOverTls13ReachTheHandler() throws Exception {
        try (RawSmppSocket raw = new RawSmppSocket(tlsSocket("TLSv1.3"))) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, MOBILE.systemId(), MOBILE.password()));
            RawSmppSocket.Pdu bindResp = raw.read(WAIT);
            assertThat(bindResp.commandId()).isEqualTo(Pdus.BIND_TRANSCEIVER | Pdus.RESP);
            assertThat(bindResp.status()).isZero();

            raw.write(Pdus.submitSm(2, "13800138000", "10086", "CXMYD".getBytes(StandardCharsets.US_ASCII)));
            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(resp.status()).isZero();
        }
        assertThat(fixture.nextInbound().carrierId()).isEqualTo("china-mobile");
    }

    @Test
    void tls12ClientIsServedWithAForwardSecretAeadSuite() throws Exception {
        SSLSocket socket = tlsSocket("TLSv1.2");
        try (RawSmppSocket raw = new RawSmppSocket(socket)) {
            raw.write(Pdus.enquireLink(5));
            assertThat(raw.read(WAIT).commandId()).isEqualTo(Pdus.ENQUIRE_LINK | Pdus.RESP);
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).matches("TLS_ECDHE_ECDSA_WITH_(AES_\\d+_GCM_SHA\\d+|CHACHA20_POLY1305_SHA256)");
        }
    }

    @Test
    void tls12ClientOfferingOnlyCbcSuitesIsRefused() throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", fixture.server.tlsPort());
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
        try (socket) {
            assertThat(handshakeFails(socket)).isTrue();
        }
    }

    @Test
    void tls11ClientHelloIsAnsweredWithAProtocolVersionAlert() throws Exception {
        // A JDK 17 client refuses to offer TLS 1.1 at all, so the TLS 1.1 ClientHello is written by hand: the
        // refusal must come from the server.
        try (Socket socket = new Socket("127.0.0.1", fixture.server.tlsPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(tls11ClientHello());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] record = new byte[7];
            in.readFully(record);
            assertThat(record[0]).as("content type: alert").isEqualTo((byte) 21);
            assertThat(record[5]).as("level: fatal").isEqualTo((byte) 2);
            assertThat(record[6]).as("description: protocol_version").isEqualTo((byte) 70);
        }
    }

    @Test
    void plainSmppOnTheTlsPortGetsNoBind() throws Exception {
        try (RawSmppSocket raw = new RawSmppSocket(new Socket("127.0.0.1", fixture.server.tlsPort()))) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, MOBILE.systemId(), MOBILE.password()));
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void plainPortStillServesPlainSmpp() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSMITTER, 1, MOBILE.systemId(), MOBILE.password()));
            assertThat(raw.read(WAIT).status()).isZero();
        }
    }

    private static SSLSocket tlsSocket(String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", fixture.server.tlsPort());
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
        return socket;
    }

    private static boolean handshakeFails(SSLSocket socket) {
        try {
            socket.startHandshake();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A TLS 1.1 ClientHello (RFC 4346 §7.4.1.2) offering ECDHE-ECDSA and RSA suites with CBC. */
    private static byte[] tls11ClientHello() {
        byte[] suites = {(byte) 0xc0, 0x09, (byte) 0xc0, 0x13, 0x00, 0x2f};
        byte[] extensions = {
            0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, // supported_groups: secp256r1
            0x00, 0x0b, 0x00, 0x02, 0x01, 0x00 // ec_point_formats: uncompressed
        };
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + suites.length + 2 + 2 + extensions.length);
        body.put((byte) 3).put((byte) 2); // client_version TLS 1.1
        body.put(new byte[32]); // random
        body.put((byte) 0); // session_id
        body.putShort((short) suites.length).put(suites);
        body.put((byte) 1).put((byte) 0); // compression: null
        body.putShort((short) extensions.length).put(extensions);
        byte[] hello = body.array();
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + hello.length);
        record.put((byte) 22).put((byte) 3).put((byte) 2).putShort((short) (4 + hello.length));
        record.put((byte) 1).put((byte) 0).putShort((short) hello.length).put(hello);
        return record.array();
    }

}
