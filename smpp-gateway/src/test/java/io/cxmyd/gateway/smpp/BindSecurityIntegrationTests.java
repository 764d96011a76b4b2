package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import static io.cxmyd.gateway.smpp.ServerFixture.MOBILE;
import static io.cxmyd.gateway.smpp.ServerFixture.UNICOM;
import static io.cxmyd.gateway.smpp.ServerFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Who may bind, from where, how often and how many times at once: the allow list, the slowing of guesses, the bind cap,
 * against a real server on loopback. Peers on 127.0.0.2, .3, ... are real connections from those addresses.
 */
class BindSecurityIntegrationTests {

    /** Three free failures, then a short wait: the tests see the wait without spending seconds on it. */
    private static final BindPacingPolicy QUICK = new BindPacingPolicy(3, Duration.ofMinutes(5),
            Duration.ofMillis(50));

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void bindFromOutsideTheCarriersAllowListIsRefusedWithRbindfail() throws Exception {
        CarrierAccount fenced = withAllowList(MOBILE, "10.0.0.0/8", "2001:db8::/32");
        CarrierAccount local = withAllowList(UNICOM, "127.0.0.0/8", "::1");
        fixture = new ServerFixture(SmppServerOptions.builder(), List.of(fenced, local));

        assertThat(bind("127.0.0.1", MOBILE).status()).isEqualTo(SmppStatus.ESME_RBINDFAIL.code());
        assertThat(fixture.nextBindEvent()).isEqualTo("refused address_refused");

        assertThat(bindUntilBound("127.0.0.1", UNICOM)).containsExactly("bound china-unicom transceiver");
    }

    @Test
    void repeatedFailuresFromOneAddressSlowItsNextBindsButNeverRefuseTheRightPassword() throws Exception {
        fixture = new ServerFixture(SmppServerOptions.builder().bindPacing(QUICK));
        for (String systemId : List.of("who", "what", "cmcc")) {
            bind("127.0.0.2", systemId, "guess");
            assertThat(fixture.nextBindEvent()).startsWith("refused");
        }

        assertThat(bindUntilBound("127.0.0.2", MOBILE)).containsExactly("slowed", "bound china-mobile transceiver");

        assertThat(bindUntilBound("127.0.0.3", MOBILE)).as("another address is not slowed")
                .doesNotContain("slowed");
    }

    @Test
    void wrongPasswordsForOneSystemIdFromManyAddressesSlowNoneOfTheOthers() throws Exception {
        fixture = new ServerFixture(SmppServerOptions.builder().bindPacing(QUICK));
        for (String peer : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
            assertThat(bind(peer, "cmcc", "guess").status()).isEqualTo(SmppStatus.ESME_RINVPASWD.code());
            assertThat(fixture.nextBindEvent()).isEqualTo("refused bad_password");
        }

        assertThat(bindUntilBound("127.0.0.5", MOBILE)).as("no lockout, no wait")
                .containsExactly("bound china-mobile transceiver");
    }

    @Test
    void failuresFromOutsideTheAllowListDoNotLockTheCarrierOut() throws Exception {
        CarrierAccount fenced = withAllowList(MOBILE, "127.0.0.1");
        fixture = new ServerFixture(SmppServerOptions.builder().bindPacing(QUICK), List.of(fenced, UNICOM));
        for (String peer : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
            assertThat(bind(peer, "cmcc", "guess").status()).isEqualTo(SmppStatus.ESME_RBINDFAIL.code());
            assertThat(fixture.nextBindEvent()).isEqualTo("refused address_refused");
        }

        assertThat(bind("127.0.0.1", MOBILE).status()).isZero();
    }

    @Test
    void bindsBeyondTheCarriersCapAreRefusedAndAFreedSlotCanBeTakenAgain() throws Exception {
        CarrierAccount two = new CarrierAccount(MOBILE.id(), MOBILE.systemId(), MOBILE.password(),
                MOBILE.serviceNumbers(), List.of(), 2);
        fixture = new ServerFixture(SmppServerOptions.builder(), List.of(two, UNICOM));
        try (RawSmppSocket first = fixture.rawBound(Pdus.BIND_TRANSMITTER);
                RawSmppSocket second = fixture.rawBound(Pdus.BIND_RECEIVER)) {
            assertThat(bind("127.0.0.1", MOBILE).status()).isEqualTo(SmppStatus.ESME_RBINDFAIL.code());
            assertThat(fixture.nextBindEvent()).isEqualTo("refused limit");
            try (RawSmppSocket unicom = fixture.raw()) {
                unicom.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, UNICOM.systemId(), UNICOM.password()));
                assertThat(unicom.read(WAIT).status()).as("another carrier").isZero();
                assertThat(fixture.nextBindEvent()).isEqualTo("bound china-unicom transceiver");

                first.write(Pdus.pdu(Pdus.UNBIND, 0, 2, new byte[0]));
                assertThat(first.read(WAIT).commandId()).isEqualTo(Pdus.UNBIND | Pdus.RESP);
                assertThat(fixture.nextBindEvent()).isEqualTo("unbound china-mobile transmitter");

                assertThat(bind("127.0.0.1", MOBILE).status()).isZero();
            }
        }
    }

    @Test
    void passwordsNeverReachTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        try {
            fixture = new ServerFixture(SmppServerOptions.builder().bindPacing(QUICK));
            for (int i = 0; i < 4; i++) {
                bind("127.0.0.2", "cmcc", "Wr0ngPw" + i);
            }
            bind("127.0.0.3", MOBILE);
            fixture.close();
        } finally {
            root.detachAppender(log);
            root.setLevel(before);
        }
        assertThat(log.list).isNotEmpty();
        assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage() + " " + e.getThrowableProxy())
                .doesNotContain("Wr0ngPw").doesNotContain(MOBILE.password()));
    }

    /** A fresh connection from {@code localAddress} that sends bind_transceiver; the bind_resp. */
    private RawSmppSocket.Pdu bind(String localAddress, String systemId, String password) throws Exception {
        try (RawSmppSocket raw = RawSmppSocket.from(localAddress, fixture.server.port())) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, systemId, password));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.BIND_TRANSCEIVER | Pdus.RESP);
            return resp;
        }
    }

    /**
     * Binds {@code carrier} from {@code localAddress} (ESME_ROK expected) and returns the bind events up to its
     * "bound" one, read while the connection is still open. The gateway reports a bind up only after writing
     * bind_resp, and not at all when the connection is gone by then: a peer that hung up as soon as it read
     * bind_resp (as {@link #bind} does) made "bound" a race the test lost under load.
     */
    private List<String> bindUntilBound(String localAddress, CarrierAccount carrier) throws Exception {
        try (RawSmppSocket raw = RawSmppSocket.from(localAddress, fixture.server.port())) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, carrier.systemId(), carrier.password()));
            RawSmppSocket.Pdu resp = raw.read(WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.BIND_TRANSCEIVER | Pdus.RESP);
            assertThat(resp.status()).isZero();
            List<String> events = new java.util.ArrayList<>();
            while (events.stream().noneMatch(e -> e.startsWith("bound "))) {
                events.add(fixture.nextBindEvent());
            }
            return events;
        }
    }

    private RawSmppSocket.Pdu bind(String localAddress, CarrierAccount carrier) throws Exception {
        return bind(localAddress, carrier.systemId(), carrier.password());
    }

    private static CarrierAccount withAllowList(CarrierAccount c, String... ranges) {
        return new CarrierAccount(c.id(), c.systemId(), c.password(), c.serviceNumbers(),
                List.of(ranges).stream().map(AddressRange::parse).toList(), CarrierAccount.DEFAULT_MAX_BINDS);
    }
}
