package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The message id a submit_sm_resp carries, read from the PDU the session's reader handed over. */
class SubmitMessageIdTest {

    @Test
    void theIdIsTheCStringAfterTheHeader() {
        byte[] id = "0a1b2c3d".getBytes(StandardCharsets.US_ASCII);
        byte[] pdu = Arrays.copyOf(new byte[16], 16 + id.length + 1);
        System.arraycopy(id, 0, pdu, 16, id.length);
        assertThat(SubmitSender.messageId(pdu)).isEqualTo("0a1b2c3d");
    }

    @Test
    void aBareHeaderOrAnUnterminatedIdGivesWhatIsThere() {
        assertThat(SubmitSender.messageId(new byte[16])).isEmpty();
        assertThat(SubmitSender.messageId(null)).isEmpty();
        byte[] unterminated = Arrays.copyOf(new byte[16], 18);
        unterminated[16] = '4';
        unterminated[17] = '2';
        assertThat(SubmitSender.messageId(unterminated)).isEqualTo("42");
    }
}
