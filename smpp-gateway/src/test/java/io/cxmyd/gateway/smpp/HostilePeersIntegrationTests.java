package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.Acceptance;

import io.cxmyd.gateway.message.SmppStatus;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static io.cxmyd.gateway.smpp.ServerFixture.UNICOM;
import static io.cxmyd.gateway.smpp.ServerFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The defects of issue 12 that a hostile peer on the SMPP port could cause, each against a real server on
 * loopback: peers on 127.0.0.2, .3, ... are real connections from those addresses.
 */
class HostilePeersIntegrationTests {

    private ServerFixture fixture;
    private final List<RawSmppSocket> held = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (RawSmppSocket s : held) {
            s.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Issue 12 #1: five wrong passwords from a stranger's address used to lock the carrier out for 15 minutes. */
    @Test
    void wrongPasswordsFromAnyAddressNeverKeepTheCarrierOut() throws Exception {
        fixture = new ServerFixture(SmppServerOptions.builder());
        for (int i = 0; i < 5; i++) {
            assertThat(bind("127.0.0.2", "cmcc", "guess" + i).status()).isEqualTo(SmppStatus.ESME_RINVPASWD.code());
        }

        assertThat(bind("127.0.0.1", MOBILE.systemId(), MOBILE.password()).status()).as("the carrier's own address")
                .isEqualTo(SmppStatus.ESME_ROK.code());
        assertThat(bind("127.0.0.2", MOBILE.systemId(), MOBILE.password()).status()).as("even the guesser's address")
                .isEqualTo(SmppStatus.ESME_ROK.code());
    }

    /** Issue 12 #1: a stranger told 0x0F from 0x0E (or 0x0D) learnt which system_ids exist. */
    @Test
    void aPeerOutsideEveryAllowListGetsBindfailForUnknownIdAndWrongPassword() throws Exception {
        fixture = new ServerFixture(SmppServerOptions.builder(),
                List.of(allowList(MOBILE, "127.0.0.1"), allowList(UNICOM, "127.0.0.1")));

        assertThat(bind("127.0.0.2", "nosuchid", "guess").status()).isEqualTo(SmppStatus.ESME_RBINDFAIL.code());
        assertThat(bind("127.0.0.2", "cmcc", "guess").status()).isEqualTo(SmppStatus.ESME_RBINDFAIL.code());
        assertThat(bind("127.0.0.1", "nosuchid", "guess").status()).as("from an allowed address")
                .isEqualTo(SmppStatus.ESME_RINVSYSID.code());
        assertThat(bind("127.0.0.1", "cmcc", "guess").status()).as("from an allowed address")
                .isEqualTo(SmppStatus.ESME_RINVPASWD.code());
    }

    /**
     * Issue 12 #2: connections that never bind used to take every slot, so the carrier got in 1 time in 31.
     * Here strangers on four addresses try 16 connections on a server of 8.
     */
    @Test
    void connectionsThatNeverBindLeaveRoomForTheCarriersAddress() throws Exception {
        fixture = new ServerFixture(SmppServerOptions.builder().maxConnections(8),
                List.of(allowList(MOBILE, "127.0.0.1"), UNICOM));
        for (String stranger : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")) {
            for (int i = 0; i < 4; i++) {
                held.add(RawSmppSocket.from(stranger, fixture.server.port()));
            }
        }
        // The accept loop takes connections in order: the strangers' are all decided before this one.
        assertThat(bind("127.0.0.1", MOBILE.systemId(), MOBILE.password()).status()).isEqualTo(0);
    }

    /** Issue 12 #6: TON 7 was acknowledged, then never answered (the log blamed the carrier). */
    @Test
    void addressesNoReplyCouldGoBackToAreRefusedAtSubmitTime() throws Exception {
        fixture = new ServerFixture();
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            byte[] text = "CXMYD".getBytes(StandardCharsets.US_ASCII);
            raw.write(Pdus.submitSm(2, 7, 1, "13800138000", 0, 1, "10086", text));
            assertThat(raw.read(WAIT).status()).isEqualTo(SmppStatus.ESME_RINVSRCTON.code());
            raw.write(Pdus.submitSm(3, 1, 2, "13800138000", 0, 1, "10086", text));
            assertThat(raw.read(WAIT).status()).isEqualTo(SmppStatus.ESME_RINVSRCNPI.code());
            raw.write(Pdus.submitSm(4, 1, 1, "13800138000", 7, 1, "10086", text));
            assertThat(raw.read(WAIT).status()).isEqualTo(SmppStatus.ESME_RINVDSTTON.code());
            raw.write(Pdus.submitSm(5, 1, 1, "13800138000", 0, 11, "10086", text));
            assertThat(raw.read(WAIT).status()).isEqualTo(SmppStatus.ESME_RINVDSTNPI.code());
            raw.write(Pdus.submitSm(6, 1, 1, "13800138000", 0, 1, "10086", text));
            assertThat(raw.read(WAIT).status()).as("defined values still pass").isZero();
        }
        assertThat(fixture.inbound).hasSize(1);
    }

    /** Issue 12 #7: under queue pressure an unknown command got 0x80000999 ESME_RTHROTTLED, not generic_nack. */
    @Test
    void unknownCommandsGetGenericNackEvenWhenTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fixture = new ServerFixture(SmppServerOptions.builder().pduProcessorThreads(1).pduQueueCapacity(1));
        fixture.answer = m -> {
            await(release);
            return Acceptance.ACCEPTED;
        };
        fixture.answersWithoutWaiting = false; // held on jsmpp's PDU thread, as the Redis stream journal's accept
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            byte[] text = "CXMYD".getBytes(StandardCharsets.US_ASCII);
            raw.write(Pdus.submitSm(2, "13800138000", "10086", text)); // holds the one processor thread
            fixture.nextInbound();
            raw.write(Pdus.submitSm(3, "13800138000", "10086", text)); // fills the queue of one
            int nacks = 0;
            for (int seq = 10; seq < 30; seq++) {
                raw.write(Pdus.pdu(0x00000999, 0, seq, new byte[0]));
            }
            // A response the server never asked for, while the queue is still full: answered, not queued.
            raw.write(Pdus.pdu(Pdus.SUBMIT_SM | Pdus.RESP, 0, 40, "0123\0".getBytes(StandardCharsets.US_ASCII)));
            for (int i = 0; i < 21; i++) {
                RawSmppSocket.Pdu answer = raw.read(WAIT);
                if (answer.commandId() == Pdus.GENERIC_NACK && answer.status() == SmppStatus.ESME_RINVCMDID.code()) {
                    nacks++;
                }
            }
            release.countDown();
            assertThat(nacks).as("generic_nack ESME_RINVCMDID of 20 unknown commands and 1 unsolicited response")
                    .isEqualTo(21);
        } finally {
            release.countDown();
        }
    }

    /** Issue 12 #7: a response the server never asks for gets generic_nack ESME_RINVCMDID, never its own kind. */
    @Test
    void anUnsolicitedResponseGetsGenericNack() throws Exception {
        fixture = new ServerFixture();
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(Pdus.pdu(Pdus.SUBMIT_SM | Pdus.RESP, 0, 7, "0123\0".getBytes(StandardCharsets.US_ASCII)));
            raw.write(Pdus.pdu(Pdus.GENERIC_NACK, 0, 8, new byte[0])); // never answered
            raw.write(Pdus.enquireLink(9));

            RawSmppSocket.Pdu nack = raw.read(WAIT);
            assertThat(nack.commandId()).isEqualTo(Pdus.GENERIC_NACK);
            assertThat(nack.status()).isEqualTo(SmppStatus.ESME_RINVCMDID.code());
            assertThat(nack.sequence()).isEqualTo(7);
            RawSmppSocket.Pdu next = raw.read(WAIT);
            assertThat(next.commandId()).isEqualTo(Pdus.ENQUIRE_LINK | Pdus.RESP);
            assertThat(next.sequence()).isEqualTo(9);
        }
    }

    /** Issue 12 #10: 8 of 200 octets, then nothing: closed after the idle timer (30 s), not pduReadTimeout. */
    @Test
    void aPduThatStopsHalfwayIsClosedAfterPduReadTimeout() throws Exception {
        fixture = new ServerFixture(SmppServerOptions.builder().pduReadTimeout(Duration.ofMillis(500))
                .enquireLinkInterval(Duration.ofSeconds(30)));
        try (RawSmppSocket raw = fixture.rawBound(Pdus.BIND_TRANSCEIVER)) {
            raw.write(new byte[] {0, 0, 0, (byte) 200, 0, 0, 0, 4});
            assertThat(raw.closedByPeerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    private RawSmppSocket.Pdu bind(String localAddress, String systemId, String password) throws Exception {
        try (RawSmppSocket raw = RawSmppSocket.from(localAddress, fixture.server.port())) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, systemId, password));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.BIND_TRANSCEIVER | Pdus.RESP);
            return resp;
        }
    }

    static CarrierAccount allowList(CarrierAccount c, String... ranges) {
        return new CarrierAccount(c.id(), c.systemId(), c.password(), c.serviceNumbers(),
                List.of(ranges).stream().map(AddressRange::parse).toList(), CarrierAccount.DEFAULT_MAX_BINDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
