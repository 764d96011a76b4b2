package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import static io.cxmyd.gateway.smpp.ServerFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;

/**
 * What a port scanner, a confused HTTP client or a hostile peer can send, before and after a bind. After
 * each case the server must still take a good bind.
 */
class HostileInputIntegrationTests {

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(SmppServerOptions.builder().maxPduLength(4096));
    }

    @AfterEach
    void stillServesAGoodBind() throws Exception {
        try (SmppClient client = fixture.bindMobile(BindMode.TRANSCEIVER)) {
            assertThat(client.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        } finally {
            fixture.close();
        }
    }

    @Test
    void headerClaimingTwoGigabytesClosesTheConnectionWithoutAllocating() throws Exception {
        // jsmpp's own reader would allocate 2 GiB and then wait for them to arrive: the connection would stay
        // open. (GuardedPduReaderTest shows nothing is allocated or read past the header.)
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.header(Integer.MAX_VALUE, Pdus.BIND_TRANSCEIVER, 1));
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void commandLengthOneOverTheCapClosesTheConnection() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.header(4097, Pdus.BIND_TRANSCEIVER, 1));
            RawSmppSocket.Pdu nack = raw.read(WAIT);
            assertThat(nack.commandId()).isEqualTo(Pdus.GENERIC_NACK);
            assertThat(nack.status()).isEqualTo(SmppStatus.ESME_RINVCMDLEN.code());
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void commandLengthBelowTheHeaderSizeClosesTheConnection() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(new byte[] {0, 0, 0, 8, 0, 0, 0, 9});
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void negativeCommandLengthClosesTheConnection() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.header(-1, Pdus.BIND_TRANSCEIVER, 1));
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void httpRequestClosesTheConnection() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void plausibleLengthWithAnUnknownCommandBeforeBindIsNackedAndClosed() throws Exception {
        byte[] junk = new byte[32];
        Arrays.fill(junk, (byte) 0x5A);
        byte[] pdu = Pdus.pdu(0x12345678, 0, 77, junk);
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(pdu);
            RawSmppSocket.Pdu nack = raw.read(WAIT);
            assertThat(nack.commandId()).isEqualTo(Pdus.GENERIC_NACK);
            assertThat(nack.status()).isEqualTo(SmppStatus.ESME_RINVCMDID.code());
            assertThat(nack.sequence()).isEqualTo(77);
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void unknownCommandAfterBindIsNackedWithItsSequenceAndTheBindStays() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.pdu(0x00000777, 0, 42, new byte[0]));
            RawSmppSocket.Pdu nack = raw.read(WAIT);
            assertThat(nack.commandId()).isEqualTo(Pdus.GENERIC_NACK);
            assertThat(nack.status()).isEqualTo(SmppStatus.ESME_RINVCMDID.code());
            assertThat(nack.sequence()).isEqualTo(42);

            raw.write(Pdus.enquireLink(43));
            assertThat(raw.read(WAIT).sequence()).isEqualTo(43);
        }
    }

    @Test
    void truncatedSubmitSmAfterBindIsNackedAndNeverReachesTheHandler() throws Exception {
        byte[] good = Pdus.submitSm(50, "13800138000", "10086", "CXMYD".getBytes(StandardCharsets.US_ASCII));
        // Cut it inside destination_addr: no terminating NUL, so jsmpp's decoder would run off the end.
        byte[] body = Arrays.copyOfRange(good, 16, 16 + 20);
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.pdu(Pdus.SUBMIT_SM, 0, 50, body));
            RawSmppSocket.Pdu nack = raw.read(WAIT);
            assertThat(nack.commandId()).isEqualTo(Pdus.GENERIC_NACK);
            assertThat(nack.status()).isEqualTo(SmppStatus.ESME_RINVCMDLEN.code());
            assertThat(nack.sequence()).isEqualTo(50);
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        fixture.close();
        fixture = new ServerFixture(SmppServerOptions.builder().maxConnections(2));
        try (RawSmppSocket first = fixture.raw(); RawSmppSocket second = fixture.rawBound(Pdus.BIND_TRANSCEIVER);
                RawSmppSocket third = fixture.raw()) {
            assertThat(third.closedByPeerWithin(WAIT)).isTrue();
        }
        Await.until("the server sees the test's connections closed", () -> fixture.server.openConnections() == 0,
                WAIT);
    }

    @Test
    void tlsClientHelloOnThePlainPortClosesTheConnection() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(clientHello(fixture.server.port()));
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void randomBytesCloseTheConnection() throws Exception {
        Random random = new Random(20261121L);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(600)];
            random.nextBytes(junk);
            try (RawSmppSocket raw = fixture.raw()) {
                raw.write(junk);
                assertThat(raw.closedByPeerWithin(WAIT)).as("junk #%d", i).isTrue();
            }
        }
        Await.until("every junk connection is released", () -> fixture.server.openConnections() == 0, WAIT);
    }

    @Test
    void peerThatHangsUpInTheMiddleOfAPduLeavesNothingBehind() throws Exception {
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, "cmcc", "cm-pass1");
        for (int cut : new int[] {1, 3, 4, 15, 16, bind.length - 1}) {
            try (RawSmppSocket raw = fixture.raw()) {
                raw.write(Arrays.copyOf(bind, cut));
            }
        }
        Await.until("every cut connection is released", () -> fixture.server.openConnections() == 0, WAIT);
        assertThat(fixture.bindEvents).isEmpty();
    }

    @Test
    void partialPduThatNeverCompletesIsClosedByTheBindTimeout() throws Exception {
        fixture.close();
        fixture = new ServerFixture(SmppServerOptions.builder().bindTimeout(Duration.ofMillis(500))
                .pduReadTimeout(Duration.ofMinutes(10)));
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, "cmcc", "cm-pass1");
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Arrays.copyOf(bind, 20));
            assertThat(raw.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void peerThatOnlyEnquiresIsClosedByTheBindTimeout() throws Exception {
        fixture.close();
        fixture = new ServerFixture(SmppServerOptions.builder().bindTimeout(Duration.ofMillis(500)));
        try (RawSmppSocket raw = fixture.raw()) {
            boolean closed = false;
            for (int seq = 1; seq <= 200 && !closed; seq++) {
                closed = !writes(raw, Pdus.enquireLink(seq)) || raw.closedByPeerWithin(Duration.ofMillis(100));
            }
            assertThat(closed).as("closed while still enquiring").isTrue();
        }
    }

    @Test
    void boundPeerTricklingAPduOneOctetAtATimeIsClosedByThePduReadTimeout() throws Exception {
        // The bind timeout no longer applies once bound, and every octet resets the socket's read timer: only
        // the PDU read timeout ends this. 200 octets at one per 50 ms would take 10 s; the limit is 500 ms.
        fixture.close();
        fixture = new ServerFixture(SmppServerOptions.builder().pduReadTimeout(Duration.ofMillis(500)));
        byte[] submit = Pdus.submitSm(2, 0, 190, new byte[190], new byte[0]);
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            int sent = 0;
            while (sent < submit.length && writes(raw, Arrays.copyOfRange(submit, sent, sent + 1))) {
                sent++;
                if (raw.closedByPeerWithin(Duration.ofMillis(50))) {
                    break;
                }
            }
            assertThat(sent).as("octets sent before the server hung up").isLessThan(submit.length);
            assertThat(fixture.nextBindEvent()).isEqualTo("unbound china-mobile transceiver");
        }
        assertThat(fixture.inbound).isEmpty();
    }

    private static boolean writes(RawSmppSocket raw, byte[] bytes) {
        try {
            raw.write(bytes);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The first flight of a real TLS client (the JDK's), as a peer that thinks this is the TLS port sends it. */
    private static byte[] clientHello(int port) throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("127.0.0.1", port);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        assertThat(hello[0]).as("a TLS handshake record").isEqualTo((byte) 22);
        return hello;
    }
}
