package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import static io.cxmyd.gateway.smpp.PduScreen.Phase.BEFORE_BIND;
import static io.cxmyd.gateway.smpp.PduScreen.Phase.BOUND;
import static io.cxmyd.gateway.smpp.PduScreen.Phase.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PduScreenTest {

    private static final byte[] SUBMIT = Pdus.submitSm(1, "13800138000", "10086", new byte[] {'C', 'X'});

    @Test
    void bindAndEnquireLinkPassBeforeBind() {
        assertThat(screen(BEFORE_BIND, Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, "cmcc", "pw"))).isEqualTo(
                PduScreen.Verdict.PASS);
        assertThat(screen(BEFORE_BIND, Pdus.enquireLink(2))).isEqualTo(PduScreen.Verdict.PASS);
    }

    @Test
    void knownRequestBeforeBindIsAnsweredWithRinvbndstsInItsOwnResponse() {
        assertThat(screen(BEFORE_BIND, SUBMIT)).isEqualTo(new PduScreen.Verdict(PduScreen.Action.ANSWER,
                0x80000004, SmppStatus.ESME_RINVBNDSTS));
        assertThat(screen(BEFORE_BIND, Pdus.pdu(Pdus.UNBIND, 0, 1, new byte[0])).responseCommandId())
                .isEqualTo(0x80000006);
    }

    @Test
    void unknownCommandBeforeBindIsNackedThenClosed() {
        assertThat(screen(BEFORE_BIND, Pdus.pdu(0x47455420, 0, 1, new byte[0]))).isEqualTo(
                new PduScreen.Verdict(PduScreen.Action.ANSWER_AND_CLOSE, 0x80000000, SmppStatus.ESME_RINVCMDID));
    }

    @Test
    void wellFormedSubmitSmPassesOnceBound() {
        assertThat(screen(BOUND, SUBMIT)).isEqualTo(PduScreen.Verdict.PASS);
    }

    @Test
    void truncatedSubmitSmIsNackedWithRinvcmdlen() {
        byte[] truncated = Pdus.pdu(Pdus.SUBMIT_SM, 0, 1, Arrays.copyOfRange(SUBMIT, 16, 30));
        assertThat(screen(BOUND, truncated)).isEqualTo(new PduScreen.Verdict(PduScreen.Action.ANSWER, 0x80000000,
                SmppStatus.ESME_RINVCMDLEN));
    }

    @Test
    void truncatedBindIsNackedRatherThanLeftUnanswered() {
        byte[] truncated = Pdus.pdu(Pdus.BIND_TRANSMITTER, 0, 1, new byte[] {'c', 'm'});
        assertThat(screen(BEFORE_BIND, truncated).status()).isEqualTo(SmppStatus.ESME_RINVCMDLEN);
    }

    @Test
    void tooLongFieldIsLeftToJsmppWhichAnswersWithTheFieldsStatus() {
        byte[] longSource = Pdus.submitSm(1, "1".repeat(30), "10086", new byte[] {'x'});
        assertThat(screen(BOUND, longSource)).isEqualTo(PduScreen.Verdict.PASS);
    }

    @Test
    void anythingPassesWhileUnbindingOrClosed() {
        assertThat(screen(OTHER, Pdus.pdu(0x777, 0, 1, new byte[0]))).isEqualTo(PduScreen.Verdict.PASS);
    }

    private static PduScreen.Verdict screen(PduScreen.Phase phase, byte[] pdu) {
        int commandId = ((pdu[4] & 0xff) << 24) | ((pdu[5] & 0xff) << 16) | ((pdu[6] & 0xff) << 8) | (pdu[7] & 0xff);
        return PduScreen.screen(phase, commandId, pdu);
    }
}
