package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BindAuthenticatorTest {

    private final BindAuthenticator authenticator = new BindAuthenticator(
            List.of(ServerFixture.MOBILE, ServerFixture.UNICOM));

    @Test
    void rightPasswordBindsAsItsCarrier() {
        BindAuthenticator.Decision decision = authenticator.decide("cucc", "cu-pass1");
        assertThat(decision.accepted()).isTrue();
        assertThat(decision.carrier().id()).isEqualTo("china-unicom");
    }

    @Test
    void wrongPasswordIsRinvpaswd() {
        assertThat(authenticator.decide("cmcc", "cm-pass2"))
                .isEqualTo(BindAuthenticator.Decision.refuse(SmppStatus.ESME_RINVPASWD, "bad_password"));
    }

    @Test
    void anotherCarriersPasswordIsRinvpaswd() {
        assertThat(authenticator.decide("cmcc", "cu-pass1").status()).isEqualTo(SmppStatus.ESME_RINVPASWD);
    }

    @Test
    void unknownOrMissingSystemIdIsRinvsysid() {
        assertThat(authenticator.decide("ctcc", "cm-pass1"))
                .isEqualTo(BindAuthenticator.Decision.refuse(SmppStatus.ESME_RINVSYSID, "unknown_system_id"));
        assertThat(authenticator.decide(null, null).status()).isEqualTo(SmppStatus.ESME_RINVSYSID);
    }

    @Test
    void missingPasswordIsRinvpaswd() {
        assertThat(authenticator.decide("cmcc", null).status()).isEqualTo(SmppStatus.ESME_RINVPASWD);
    }

    @Test
    void twoCarriersWithOneSystemIdAreRefused() {
        CarrierAccount twin = new CarrierAccount("twin", "cmcc", "x", List.of("1"));
        assertThatThrownBy(() -> new BindAuthenticator(List.of(ServerFixture.MOBILE, twin)))
                .hasMessage("carriers: systemId 'cmcc' is used by both china-mobile and twin");
    }
}
