package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class BindAuthenticatorTest {

    private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

    private final BindAuthenticator authenticator = new BindAuthenticator(
            List.of(ServerFixture.MOBILE, ServerFixture.UNICOM));

    @Test
    void rightPasswordBindsAsItsCarrier() {
        BindAuthenticator.Decision decision = authenticator.decide("cucc", "cu-pass1", LOCAL);
        assertThat(decision.accepted()).isTrue();
        assertThat(decision.carrier().id()).isEqualTo("china-unicom");
    }

    @Test
    void wrongPasswordIsRinvpaswd() {
        assertThat(authenticator.decide("cmcc", "cm-pass2", LOCAL))
                .isEqualTo(BindAuthenticator.Decision.refuse(SmppStatus.ESME_RINVPASWD, "bad_password"));
    }

    @Test
    void anotherCarriersPasswordIsRinvpaswd() {
        assertThat(authenticator.decide("cmcc", "cu-pass1", LOCAL).status()).isEqualTo(SmppStatus.ESME_RINVPASWD);
    }

    @Test
    void unknownOrMissingSystemIdIsRinvsysid() {
        assertThat(authenticator.decide("ctcc", "cm-pass1", LOCAL))
                .isEqualTo(BindAuthenticator.Decision.refuse(SmppStatus.ESME_RINVSYSID, "unknown_system_id"));
        assertThat(authenticator.decide(null, null, LOCAL).status()).isEqualTo(SmppStatus.ESME_RINVSYSID);
    }

    @Test
    void missingPasswordIsRinvpaswd() {
        assertThat(authenticator.decide("cmcc", null, LOCAL).status()).isEqualTo(SmppStatus.ESME_RINVPASWD);
    }

    @Test
    void twoCarriersWithOneSystemIdAreRefused() {
        CarrierAccount twin = new CarrierAccount("twin", "cmcc", "x", List.of("1"));
        assertThatThrownBy(() -> new BindAuthenticator(List.of(ServerFixture.MOBILE, twin)))
                .hasMessage("carriers: systemId 'cmcc' is used by both china-mobile and twin");
    }

    @Test
    void bindFromOutsideTheAllowListIsRbindfailWhateverThePassword() throws Exception {
        CarrierAccount fenced = new CarrierAccount("fenced", "fenc", "pw", List.of("1000"),
                List.of(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("2001:db8::/32")), 8);
        BindAuthenticator gate = new BindAuthenticator(List.of(fenced));
        BindAuthenticator.Decision refused = BindAuthenticator.Decision.refuse(SmppStatus.ESME_RBINDFAIL,
                "address_refused");

        assertThat(gate.decide("fenc", "pw", InetAddress.getByName("192.0.2.1"))).isEqualTo(refused);
        assertThat(gate.decide("fenc", "wrong", InetAddress.getByName("192.0.2.1"))).isEqualTo(refused);
        assertThat(gate.decide("fenc", "pw", InetAddress.getByName("2001:db9::1"))).isEqualTo(refused);
        assertThat(gate.decide("fenc", "pw", InetAddress.getByName("10.200.0.1")).accepted()).isTrue();
        assertThat(gate.decide("fenc", "pw", InetAddress.getByName("2001:db8:ffff::1")).accepted()).isTrue();
        assertThat(gate.decide("fenc", "wrong", InetAddress.getByName("10.0.0.1")).reason()).isEqualTo("bad_password");
    }
}
