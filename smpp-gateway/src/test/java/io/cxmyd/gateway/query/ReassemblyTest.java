package io.cxmyd.gateway.query;

import static io.cxmyd.gateway.query.PathFixtures.CM;
import static io.cxmyd.gateway.query.PathFixtures.NOW;
import static io.cxmyd.gateway.query.PathFixtures.SUBSCRIBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.sms.DecodeResult;
import io.cxmyd.gateway.sms.TextDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parts put together on a clock passed in: order, duplicates, other senders, the time limit, the bound. */
class ReassemblyTest {

    private final Reassembly reassembly = new Reassembly(Duration.ofSeconds(60), 4);

    /** A part with an 8-bit reference UDH (05 00 03 ref total seq) before {@code body}. */
    static InboundMessage udh8(String from, int ref, int total, int seq, byte coding, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {5, 0, 3, (byte) ref, (byte) total, (byte) seq});
        b.writeBytes(body);
        return new InboundMessage(CM, SmppAddress.of(from), SmppAddress.of("10086"), InboundMessage.UDHI, coding,
                b.toByteArray(), false, NOW);
    }

    static InboundMessage udh8(int ref, int total, int seq, String ascii) {
        return udh8(SUBSCRIBER, ref, total, seq, (byte) 0, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static InboundMessage sar(int ref, int total, int seq, String ascii) {
        return new InboundMessage(CM, SmppAddress.of(SUBSCRIBER), SmppAddress.of("10086"), (byte) 0, (byte) 0,
                ascii.getBytes(StandardCharsets.US_ASCII), false, NOW, new Sar(ref, total, seq));
    }

    private static String text(Reassembly.Result r) {
        assertThat(r).isInstanceOf(Reassembly.Whole.class);
        InboundMessage m = ((Reassembly.Whole) r).message();
        return ((DecodeResult.Text) TextDecoder.decode(m)).text();
    }

    @Test
    void aMessageOfOnePartPassesUntouched() {
        InboundMessage m = PathFixtures.query("CXMYD");

        assertThat(reassembly.offer(m, NOW)).isEqualTo(new Reassembly.Whole(m));
        assertThat(reassembly.held()).isZero();
    }

    @Test
    void partsInAnyOrderMakeOneMessageWithoutHeader() {
        assertThat(reassembly.offer(udh8(7, 3, 3, "D"), NOW)).isInstanceOf(Reassembly.Held.class);
        assertThat(reassembly.offer(udh8(7, 3, 1, "CX"), NOW.plusSeconds(1))).isInstanceOf(Reassembly.Held.class);
        assertThat(reassembly.held()).isEqualTo(2);

        Reassembly.Result r = reassembly.offer(udh8(7, 3, 2, "MY"), NOW.plusSeconds(2));

        assertThat(text(r)).isEqualTo("CXMYD");
        InboundMessage whole = ((Reassembly.Whole) r).message();
        assertThat(whole.hasUdh()).isFalse();
        assertThat(whole.receivedAt()).as("measured from the first part").isEqualTo(NOW);
        assertThat(reassembly.held()).isZero();
    }

    @Test
    void sarPartsAreJoinedLikeUdhParts() {
        reassembly.offer(sar(300, 2, 1, "cx"), NOW);

        assertThat(text(reassembly.offer(sar(300, 2, 2, "myd"), NOW))).isEqualTo("cxmyd");
    }

    @Test
    void aCharacterSplitBetweenTwoPartsDecodesWhole() {
        byte[] ucs2 = "查询".getBytes(StandardCharsets.UTF_16BE); // 4 bytes: split in the middle of 查
        reassembly.offer(udh8(SUBSCRIBER, 9, 2, 1, (byte) 8, new byte[] {ucs2[0]}), NOW);

        Reassembly.Result r = reassembly.offer(udh8(SUBSCRIBER, 9, 2, 2, (byte) 8,
                new byte[] {ucs2[1], ucs2[2], ucs2[3]}), NOW);

        assertThat(text(r)).isEqualTo("查询");
    }

    @Test
    void aPartSentAgainByTheCarrierIsHeldOnce() {
        reassembly.offer(udh8(7, 2, 1, "CX"), NOW);

        assertThat(reassembly.offer(udh8(7, 2, 1, "CX"), NOW)).isInstanceOf(Reassembly.Held.class);
        assertThat(reassembly.held()).isEqualTo(1);
        assertThat(text(reassembly.offer(udh8(7, 2, 2, "MYD"), NOW))).isEqualTo("CXMYD");
    }

    @Test
    void partsOfTwoSendersWithTheSameReferenceStayApart() {
        reassembly.offer(udh8(SUBSCRIBER, 7, 2, 1, (byte) 0, "CX".getBytes()), NOW);
        reassembly.offer(udh8("13900139000", 7, 2, 1, (byte) 0, "he".getBytes()), NOW);

        assertThat(text(reassembly.offer(udh8("13900139000", 7, 2, 2, (byte) 0, "llo".getBytes()), NOW)))
                .isEqualTo("hello");
        assertThat(text(reassembly.offer(udh8(SUBSCRIBER, 7, 2, 2, (byte) 0, "MYD".getBytes()), NOW)))
                .isEqualTo("CXMYD");
    }

    @Test
    void partsWhoseRestDoesNotComeInTimeAreDropped() {
        reassembly.offer(udh8(7, 2, 1, "CX"), NOW);

        assertThat(reassembly.offer(udh8(8, 2, 1, "he"), NOW.plusSeconds(60))).isInstanceOf(Reassembly.Held.class);
        assertThat(reassembly.held()).as("the first message's part is gone").isEqualTo(1);
        assertThat(reassembly.offer(udh8(7, 2, 2, "MYD"), NOW.plusSeconds(61)))
                .as("its second part now starts a message of its own").isInstanceOf(Reassembly.Held.class);
    }

    @Test
    void pastTheBoundANewPartIsRefusedButAPartThatCompletesIsTaken() {
        Instant t = NOW;
        for (int ref = 1; ref <= 4; ref++) {
            reassembly.offer(udh8(ref, 2, 1, "CX"), t);
        }

        assertThat(reassembly.offer(udh8(5, 2, 1, "CX"), t)).isInstanceOf(Reassembly.Full.class);
        assertThat(text(reassembly.offer(udh8(1, 2, 2, "MYD"), t))).isEqualTo("CXMYD");
        assertThat(reassembly.offer(udh8(5, 2, 1, "CX"), t)).isInstanceOf(Reassembly.Held.class);
    }

    @Test
    void limitsAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> new Reassembly(Duration.ZERO, 1)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new Reassembly(Duration.ofSeconds(1), 0)).hasMessageContaining("maxPartsHeld");
    }
}
