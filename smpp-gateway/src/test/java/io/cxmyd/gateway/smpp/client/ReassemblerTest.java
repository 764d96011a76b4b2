package io.cxmyd.gateway.smpp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cxmyd.gateway.message.SmppAddress;

class ReassemblerTest {

    private final Reassembler reassembler = new Reassembler();

    @Test
    void singlePartIsAWholeReply() {
        assertThat(reassembler.add(part((byte) 0, ucs2("你好"), null, null)))
                .contains(reply("你好", 1));
    }

    @Test
    void udhWith8BitReferenceIsJoinedInSequenceOrder() {
        byte[] second = udh8(0x2A, 2, 2, ucs2("世界"));
        byte[] first = udh8(0x2A, 2, 1, ucs2("你好"));
        assertThat(reassembler.add(part((byte) 0x40, second, null, null))).isEmpty();
        assertThat(reassembler.add(part((byte) 0x40, first, null, null))).contains(reply("你好世界", 2));
        assertThat(reassembler.waiting()).isZero();
    }

    @Test
    void udhWith16BitReferenceIsJoined() {
        byte[] one = concat(new byte[] {6, 0x08, 4, 0x12, 0x34, 2, 1}, ucs2("甲"));
        byte[] two = concat(new byte[] {6, 0x08, 4, 0x12, 0x34, 2, 2}, ucs2("乙"));
        reassembler.add(part((byte) 0x40, one, null, null));
        assertThat(reassembler.add(part((byte) 0x40, two, null, null))).contains(reply("甲乙", 2));
    }

    @Test
    void partsOfDifferentReferencesDoNotMix() {
        reassembler.add(part((byte) 0x40, udh8(1, 2, 1, ucs2("a")), null, null));
        assertThat(reassembler.add(part((byte) 0x40, udh8(2, 2, 2, ucs2("b")), null, null))).isEmpty();
        assertThat(reassembler.waiting()).isEqualTo(2);
    }

    @Test
    void sarTlvsAreJoined() {
        reassembler.add(part((byte) 0, ucs2("前"), new ReceivedPart.Sar(300, 2, 1), null));
        assertThat(reassembler.add(part((byte) 0, ucs2("后"), new ReceivedPart.Sar(300, 2, 2), null)))
                .contains(reply("前后", 2));
    }

    @Test
    void messagePayloadCarriesTheWholeText() {
        assertThat(reassembler.add(part((byte) 0, new byte[0], null, ucs2("整条"))))
                .contains(reply("整条", 1));
    }

    @Test
    void udhWithoutConcatenationIsStrippedFromASinglePart() {
        byte[] withPortUdh = concat(new byte[] {4, 0x04, 2, 0x00, 0x00}, ucs2("好"));
        assertThat(reassembler.add(part((byte) 0x40, withPortUdh, null, null))).contains(reply("好", 1));
    }

    @Test
    void garbageUdhLengthIsTakenAsText() {
        byte[] garbage = {(byte) 0xFF, 0x00, 0x41};
        Optional<ReceivedReply> reply = reassembler.add(part((byte) 0x40, garbage, null, null));
        assertThat(reply).isPresent();
    }

    private static ReceivedPart part(byte esm, byte[] sm, ReceivedPart.Sar sar, byte[] payload) {
        return new ReceivedPart(SmppAddress.of("10086"), SmppAddress.of("13800138000"), esm, (byte) 8, (byte) 0, sm,
                sar, payload);
    }

    private static ReceivedReply reply(String text, int parts) {
        return new ReceivedReply(SmppAddress.of("10086"), SmppAddress.of("13800138000"), text, parts);
    }

    private static byte[] udh8(int ref, int total, int seq, byte[] body) {
        return concat(new byte[] {5, 0x00, 3, (byte) ref, (byte) total, (byte) seq}, body);
    }

    private static byte[] ucs2(String s) {
        return s.getBytes(StandardCharsets.UTF_16BE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
