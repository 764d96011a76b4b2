package io.cxmyd.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    private static final String GRIN = "😀"; // U+1F600: D83D DE00
    private static final String EXT_B = "𠀀"; // U+20000: D840 DC00

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String a(int n) {
        return "A".repeat(n);
    }

    @Test
    void seventyUnitsFitOnePartWithoutHeader() {
        List<EncodedSegment> segments = Segmenter.encode(a(70), Concatenation.UDH, 7);
        assertThat(segments).hasSize(1);
        EncodedSegment only = segments.get(0);
        assertThat(only.esmClass()).isEqualTo((byte) 0);
        assertThat(only.shortMessage()).hasSize(140);
        assertThat(hex(only.shortMessage())).startsWith("00410041");
        assertThat(only.sar()).isNull();
        assertThat(only.messagePayload()).isNull();
    }

    @Test
    void seventyOneUnitsTakeTwoPartsOf67And4() {
        List<EncodedSegment> segments = Segmenter.encode(a(71), Concatenation.UDH, 7);
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).shortMessage()).hasSize(6 + 134);
        assertThat(segments.get(1).shortMessage()).hasSize(6 + 8);
        assertThat(Segmenter.partCount(a(70))).isEqualTo(1);
        assertThat(Segmenter.partCount(a(71))).isEqualTo(2);
    }

    @Test
    void threePartMessageCarriesTheConcatenationHeaderInEveryPart() {
        List<EncodedSegment> segments = Segmenter.encode(a(67 * 2 + 5), Concatenation.UDH, 0x2A);
        assertThat(segments).hasSize(3);
        assertThat(hex(segments.get(0).shortMessage())).startsWith("0500032a0301" + "0041");
        assertThat(hex(segments.get(1).shortMessage())).startsWith("0500032a0302" + "0041");
        assertThat(hex(segments.get(2).shortMessage())).isEqualTo("0500032a0303" + "0041".repeat(5));
        for (EncodedSegment s : segments) {
            assertThat(s.esmClass()).isEqualTo((byte) 0x40);
            assertThat(s.sar()).isNull();
            assertThat(s.messagePayload()).isNull();
        }
        assertThat(segments.get(0).shortMessage()).hasSize(140);
        assertThat(segments.get(1).shortMessage()).hasSize(140);
    }

    @Test
    void chineseTextIsUtf16BigEndian() {
        List<EncodedSegment> segments = Segmenter.encode("尊敬的", Concatenation.UDH, 0);
        assertThat(hex(segments.get(0).shortMessage())).isEqualTo("5c0a656c7684");
    }

    @Test
    void exactMultiplesOf67FillTheirPartsAndOneMoreUnitOpensAnother() {
        for (int n = 2; n <= 6; n++) {
            List<EncodedSegment> exact = Segmenter.encode(a(67 * n), Concatenation.UDH, 1);
            assertThat(exact).as("67*%d", n).hasSize(n);
            assertThat(exact).allSatisfy(s -> assertThat(s.shortMessage()).hasSize(140));
            assertThat(Segmenter.partCount(a(67 * n))).isEqualTo(n);

            List<EncodedSegment> over = Segmenter.encode(a(67 * n + 1), Concatenation.UDH, 1);
            assertThat(over).as("67*%d+1", n).hasSize(n + 1);
            assertThat(over.get(n).shortMessage()).hasSize(6 + 2);
            assertThat(Segmenter.partCount(a(67 * n + 1))).isEqualTo(n + 1);
        }
    }

    @Test
    void surrogatePairAtThe67BoundaryMovesWholeToTheNextPart() {
        String text = a(66) + GRIN + a(10);
        List<EncodedSegment> segments = Segmenter.encode(text, Concatenation.UDH, 9);
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).shortMessage()).hasSize(6 + 132);
        assertThat(hex(segments.get(0).shortMessage())).endsWith("0041");
        assertThat(hex(segments.get(1).shortMessage())).isEqualTo("050003090202" + "d83dde00" + "0041".repeat(10));
    }

    @Test
    void cjkExtensionBPairAtThe67BoundaryMovesWholeToTheNextPartInSarModeToo() {
        String text = a(66) + EXT_B + a(67);
        List<EncodedSegment> segments = Segmenter.encode(text, Concatenation.SAR, 9);
        assertThat(segments).hasSize(3);
        assertThat(segments.get(0).shortMessage()).hasSize(132);
        assertThat(hex(segments.get(1).shortMessage())).startsWith("d840dc00");
        assertThat(segments.get(1).shortMessage()).hasSize(134);
        assertThat(Segmenter.partCount(text)).isEqualTo(3);
    }

    @Test
    void pairThatEndsExactlyAtThe67BoundaryStaysInItsPart() {
        String text = a(65) + GRIN + a(10);
        List<EncodedSegment> segments = Segmenter.encode(text, Concatenation.UDH, 9);
        assertThat(hex(segments.get(0).shortMessage())).endsWith("d83dde00");
        assertThat(segments.get(0).shortMessage()).hasSize(140);
    }

    @Test
    void sarModeSendsNoHeaderAndNumbersThePartsInTlvs() {
        List<EncodedSegment> segments = Segmenter.encode(a(67 * 2 + 1), Concatenation.SAR, 0x1234);
        assertThat(segments).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EncodedSegment s = segments.get(i);
            assertThat(s.esmClass()).isEqualTo((byte) 0);
            assertThat(s.sar()).isEqualTo(new Sar(0x1234, 3, i + 1));
            assertThat(s.messagePayload()).isNull();
        }
        assertThat(hex(segments.get(0).shortMessage())).startsWith("00410041").hasSize(134 * 2);
        assertThat(hex(segments.get(2).shortMessage())).isEqualTo("0041");
    }

    @Test
    void referenceKeepsItsLowEightBitsInTheHeaderAndLowSixteenInSar() {
        assertThat(Segmenter.encode(a(71), Concatenation.UDH, 0x1FF).get(0).shortMessage()[3]).isEqualTo((byte) 0xFF);
        assertThat(Segmenter.encode(a(71), Concatenation.SAR, 0x1FFFF).get(0).sar().reference()).isEqualTo(0xFFFF);
    }

    @Test
    void payloadModeSendsTheWholeTextInMessagePayloadWithEmptyShortMessage() {
        List<EncodedSegment> segments = Segmenter.encode(a(200), Concatenation.PAYLOAD, 5);
        assertThat(segments).hasSize(1);
        EncodedSegment only = segments.get(0);
        assertThat(only.shortMessage()).isEmpty();
        assertThat(only.esmClass()).isEqualTo((byte) 0);
        assertThat(only.sar()).isNull();
        assertThat(hex(only.messagePayload())).isEqualTo("0041".repeat(200));
    }

    @Test
    void oneSmsTextGoesInShortMessageEvenForPayloadAndSarCarriers() {
        for (Concatenation mode : Concatenation.values()) {
            EncodedSegment only = Segmenter.encode("尊敬的", mode, 5).get(0);
            assertThat(only.shortMessage()).as(mode.name()).hasSize(6);
            assertThat(only.sar()).isNull();
            assertThat(only.messagePayload()).isNull();
        }
    }

    @Test
    void emptyTextIsOneEmptyPart() {
        assertThat(Segmenter.encode("", Concatenation.UDH, 0)).singleElement()
                .satisfies(s -> assertThat(s.shortMessage()).isEmpty());
    }

    @Test
    void moreThan255PartsIsRefused() {
        assertThat(Segmenter.encode(a(67 * 255), Concatenation.UDH, 0)).hasSize(255);
        assertThatThrownBy(() -> Segmenter.encode(a(67 * 255 + 1), Concatenation.UDH, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 255 parts, was 256");
    }

    @Test
    void segmentsBecomeDeliverSmPartsInUcs2AddressedAsGiven() {
        SmppAddress service = SmppAddress.of("10086");
        SmppAddress subscriber = new SmppAddress((byte) 1, (byte) 1, "8613800138000");
        List<EncodedSegment> segments = Segmenter.encode(a(100), Concatenation.UDH, 3);
        List<OutboundPart> parts = EncodedSegment.toOutboundParts(segments, "china-mobile", service, subscriber);
        assertThat(parts).hasSize(2);
        for (int i = 0; i < 2; i++) {
            OutboundPart p = parts.get(i);
            assertThat(p.carrierId()).isEqualTo("china-mobile");
            assertThat(p.source()).isEqualTo(service);
            assertThat(p.destination()).isEqualTo(subscriber);
            assertThat(p.dataCoding()).isEqualTo((byte) 8);
            assertThat(p.esmClass()).isEqualTo((byte) 0x40);
            assertThat(p.shortMessage()).isSameAs(segments.get(i).shortMessage());
        }
    }
}
