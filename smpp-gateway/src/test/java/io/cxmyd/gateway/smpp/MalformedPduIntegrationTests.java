package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static io.cxmyd.gateway.smpp.ServerFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;

/**
 * PDUs of the right command and size whose fields lie: C-strings without their NUL or longer than SMPP 3.4
 * allows, sm_length and TLV lengths past the end, commands in the wrong bind state. Each gets its answer,
 * nothing malformed reaches the handler, and the server still takes a good bind afterwards.
 */
class MalformedPduIntegrationTests {

    private static final byte[] CXMYD = "CXMYD".getBytes(StandardCharsets.US_ASCII);

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture();
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
    void bindWhoseSystemIdHasNoTerminatingNulIsNacked() throws Exception {
        // system_id runs to the end of the PDU: a reader that looks for its NUL would run off the end.
        byte[] body = "cmcc-and-no-nul".getBytes(StandardCharsets.US_ASCII);
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.pdu(Pdus.BIND_TRANSCEIVER, 0, 11, body));
            assertNack(raw.read(WAIT), SmppStatus.ESME_RINVCMDLEN, 11);
        }
    }

    @Test
    void bindWithASystemIdLongerThanSmppAllowsIsRefused() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 12, "c".repeat(40), MOBILE.password()));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.sequence()).isEqualTo(12);
            assertThat(resp.status()).isNotZero();
        }
        assertThat(fixture.bindEvents).doesNotContain("bound china-mobile transceiver");
    }

    @Test
    void submitSmWithAnOversizedSourceAddressIsRefusedWithItsFieldsStatus() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.submitSm(13, "1".repeat(60), "10086", CXMYD));
            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(resp.status()).isEqualTo(SmppStatus.ESME_RINVSRCADR.code());
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void smLengthPastTheEndOfThePduIsNacked() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.submitSm(14, 0, 200, CXMYD, new byte[0]));
            assertNack(raw.readAnsweringEnquireLinks(WAIT), SmppStatus.ESME_RINVCMDLEN, 14);
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void tlvLengthPastTheEndOfThePduIsNacked() throws Exception {
        byte[] tlv = Pdus.tlv(Pdus.MESSAGE_PAYLOAD, 1000, CXMYD);
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.submitSm(15, 0, 0, new byte[0], tlv));
            assertNack(raw.readAnsweringEnquireLinks(WAIT), SmppStatus.ESME_RINVCMDLEN, 15);
            raw.write(Pdus.dataSm(16, "13800138000", "10086", tlv));
            assertNack(raw.readAnsweringEnquireLinks(WAIT), SmppStatus.ESME_RINVCMDLEN, 16);
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void tlvWithNegativeLengthOrACutHeaderIsNacked() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.submitSm(17, 0, 5, CXMYD, Pdus.tlv(Pdus.MESSAGE_PAYLOAD, 0xFFFF, CXMYD)));
            assertNack(raw.readAnsweringEnquireLinks(WAIT), SmppStatus.ESME_RINVCMDLEN, 17);
            raw.write(Pdus.submitSm(18, 0, 5, CXMYD, new byte[] {0x04, 0x24, 0x00}));
            assertNack(raw.readAnsweringEnquireLinks(WAIT), SmppStatus.ESME_RINVCMDLEN, 18);
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void dataSmOnAReceiverBindIsRefusedWithRinvbndsts() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_RECEIVER)) {
            raw.write(Pdus.dataSm(19, "13800138000", "10086", Pdus.tlv(Pdus.MESSAGE_PAYLOAD, 5, CXMYD)));
            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.DATA_SM | Pdus.RESP);
            assertThat(resp.status()).isEqualTo(SmppStatus.ESME_RINVBNDSTS.code());
            assertThat(resp.sequence()).isEqualTo(19);
        }
        assertThat(fixture.inbound).isEmpty();
    }

    @Test
    void dataSmBeforeBindIsRefusedWithRinvbndsts() throws Exception {
        try (RawSmppSocket raw = fixture.raw()) {
            raw.write(Pdus.dataSm(20, "13800138000", "10086", Pdus.tlv(Pdus.MESSAGE_PAYLOAD, 5, CXMYD)));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.DATA_SM | Pdus.RESP);
            assertThat(resp.status()).isEqualTo(SmppStatus.ESME_RINVBNDSTS.code());
            assertThat(resp.sequence()).isEqualTo(20);
        }
    }

    @Test
    void secondBindOnABoundConnectionIsRefusedWithRalybnd() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSMITTER, 21, MOBILE.systemId(), MOBILE.password()));
            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(WAIT);
            assertThat(resp.sequence()).isEqualTo(21);
            assertThat(resp.status()).isEqualTo(SmppStatus.ESME_RALYBND.code());
        }
    }

    @Test
    void unknownCommandIdsAreNackedWithTheirSequenceNumbers() throws Exception {
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            for (int id : new int[] {0x00000000, 0x0000FFFF, 0x7FFFFFFF, 0x00010203}) {
                int seq = 100 + (id & 0xff);
                raw.write(Pdus.pdu(id, 0, seq, new byte[3]));
                assertNack(raw.readAnsweringEnquireLinks(WAIT), SmppStatus.ESME_RINVCMDID, seq);
            }
        }
    }

    private static void assertNack(RawSmppSocket.Pdu pdu, SmppStatus status, int sequence) {
        assertThat(pdu.commandId()).isEqualTo(Pdus.GENERIC_NACK);
        assertThat(SmppStatus.of(pdu.status())).isEqualTo(status);
        assertThat(pdu.sequence()).isEqualTo(sequence);
    }
}
