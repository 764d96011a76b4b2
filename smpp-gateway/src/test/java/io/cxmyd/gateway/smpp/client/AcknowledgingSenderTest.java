package io.cxmyd.gateway.smpp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AcknowledgingSenderTest {

    @Test
    void aDeliverSmAcceptedIsUnansweredUntilItsRespIsWritten() throws Exception {
        AcknowledgingSender sender = new AcknowledgingSender();
        assertThat(sender.awaitAnswered(Duration.ZERO)).as("nothing accepted yet").isTrue();

        sender.accepted();
        sender.accepted();
        assertThat(sender.awaitAnswered(Duration.ZERO)).isFalse();

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sender.sendDeliverSmResp(wire, 0, 7, null);
        assertThat(sender.awaitAnswered(Duration.ZERO)).as("one of two answered").isFalse();
        sender.sendDeliverSmResp(wire, 0, 8, null);
        assertThat(sender.awaitAnswered(Duration.ZERO)).isTrue();
        assertThat(wire.size()).as("two deliver_sm_resp of 17 octets each (header and an empty message_id)")
                .isEqualTo(34);
    }
}
