package io.cxmyd.gateway.query;

import static io.cxmyd.gateway.query.PathFixtures.CM;
import static io.cxmyd.gateway.query.PathFixtures.CU;
import static io.cxmyd.gateway.query.PathFixtures.NOW;
import static io.cxmyd.gateway.query.PathFixtures.SUBSCRIBER;
import static io.cxmyd.gateway.query.PathFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.itinerary.Msisdn;
import org.junit.jupiter.api.Test;

/** The first room: pure, so each case is one message in and one answer out. */
class AdmissionTest {

    private final Admission admission = new Admission(PathFixtures.directory());

    private Acceptance refusal(InboundMessage m) {
        Admission.Result r = admission.admit(m);
        assertThat(r).isInstanceOf(Admission.NotAdmitted.class);
        return ((Admission.NotAdmitted) r).answer();
    }

    @Test
    void aKeywordFromAMobileToItsCarriersServiceNumberIsAdmittedWithItsText() {
        Admission.Result r = admission.admit(text(CM, SUBSCRIBER, "10086", "cxmyd"));

        assertThat(r).isEqualTo(new Admission.Admitted(Msisdn.parse(SUBSCRIBER), "cxmyd"));
    }

    @Test
    void theServiceNumberWithTheCountryCodeIsTheSameNumber() {
        assertThat(admission.admit(text(CM, SUBSCRIBER, "+8610086", "cxmyd")))
                .isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void aDeliveryReceiptIsTakenButIsNoQuery() {
        InboundMessage receipt = new InboundMessage(CM, SmppAddress.of(SUBSCRIBER), SmppAddress.of("10086"),
                (byte) 0x04, (byte) 0, "id:1 stat:DELIVRD".getBytes(), false, NOW);

        assertThat(refusal(receipt)).isEqualTo(Acceptance.RECEIPT);
        assertThat(Acceptance.RECEIPT.status()).isEqualTo(SmppStatus.ESME_ROK);
    }

    @Test
    void anotherCarriersServiceNumberIsRefusedAsAWrongDestination() {
        Acceptance a = refusal(text(CM, SUBSCRIBER, "10010", "cxmyd"));

        assertThat(a).isEqualTo(Acceptance.NOT_A_SERVICE_NUMBER);
        assertThat(a.status()).isEqualTo(SmppStatus.ESME_RINVDSTADR);
    }

    @Test
    void aCarrierNoLongerConfiguredHasNoServiceNumber() {
        assertThat(refusal(text("gone", SUBSCRIBER, "10086", "cxmyd"))).isEqualTo(Acceptance.NOT_A_SERVICE_NUMBER);
    }

    @Test
    void alphanumericAndLandlineSendersAreNeverAnswered() {
        assertThat(refusal(text(CM, "BANK", "10086", "cxmyd"))).isEqualTo(Acceptance.SENDER_NOT_MOBILE);
        assertThat(refusal(text(CM, "02088888888", "10086", "cxmyd"))).isEqualTo(Acceptance.SENDER_NOT_MOBILE);
        assertThat(Acceptance.SENDER_NOT_MOBILE.status()).isEqualTo(SmppStatus.ESME_RINVSRCADR);
    }

    @Test
    void ourOwnServiceNumberAsSenderIsRefusedSoRepliesCannotLoop() {
        assertThat(refusal(text(CM, "13900000000", "10086", "cxmyd"))).isEqualTo(Acceptance.SENDER_IS_SERVICE_NUMBER);
    }

    @Test
    void unreadableTextIsRefusedWithTheDecodersStatus() {
        InboundMessage oddUcs2 = new InboundMessage(CU, SmppAddress.of(SUBSCRIBER), SmppAddress.of("10010"),
                (byte) 0, (byte) 8, new byte[] {0, 0x43, 0}, false, NOW);
        InboundMessage binary = new InboundMessage(CU, SmppAddress.of(SUBSCRIBER), SmppAddress.of("10010"),
                (byte) 0, (byte) 4, new byte[] {1, 2}, false, NOW);

        assertThat(refusal(oddUcs2).status()).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
        assertThat(refusal(binary)).isEqualTo(Acceptance.UNSUPPORTED_CODING);
        assertThat(Acceptance.UNSUPPORTED_CODING.status()).isEqualTo(SmppStatus.ESME_RINVDCS);
    }

    @Test
    void theSameMessageGetsTheSameAnswerEveryTime() {
        InboundMessage m = text(CM, SUBSCRIBER, "10086", "CXMYD");

        assertThat(admission.admit(m)).isEqualTo(admission.admit(m));
    }
}
