package io.cxmyd.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

    private static final byte NO_UDH = 0;
    private static final byte UDHI = 0x40;

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String text(int esmClass, int dataCoding, String hex) {
        DecodeResult result = TextDecoder.decode((byte) esmClass, (byte) dataCoding, hex(hex));
        assertThat(result).isInstanceOf(DecodeResult.Text.class);
        return ((DecodeResult.Text) result).text();
    }

    private static SmppStatus rejected(int esmClass, int dataCoding, String hex) {
        DecodeResult result = TextDecoder.decode((byte) esmClass, (byte) dataCoding, hex(hex));
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) result).status();
    }

    @Test
    void asciiKeywordDecodesInSmscDefaultIa5AndLatin1() {
        assertThat(text(NO_UDH, 0, "63 78 6d 79 64")).isEqualTo("cxmyd");
        assertThat(text(NO_UDH, 1, "63 78 6d 79 64")).isEqualTo("cxmyd");
        assertThat(text(NO_UDH, 3, "63 78 6d 79 64")).isEqualTo("cxmyd");
        assertThat(text(NO_UDH, 0, "43 58 4d 59 44 20 31 33 39")).isEqualTo("CXMYD 139");
    }

    @Test
    void smscDefaultReadsTheGsmBasicAndExtensionTables() {
        assertThat(text(NO_UDH, 0, "00 01 02 11 40 60")).isEqualTo("@£$_¡¿");
        assertThat(text(NO_UDH, 0, "1b 65 1b 3c 1b 3e 1b 14")).isEqualTo("€[]^");
        // An escape before a code the extension table lacks shows the basic character; a last escape is dropped.
        assertThat(text(NO_UDH, 0, "1b 41 1b")).isEqualTo("A");
    }

    @Test
    void octetsAboveSeventySevenFAreNotSeptetsAndBecomeReplacementCharacters() {
        assertThat(text(NO_UDH, 0, "43 80 ff")).isEqualTo("C\uFFFD\uFFFD");
        assertThat(text(NO_UDH, 1, "43 80")).isEqualTo("C\uFFFD");
    }

    @Test
    void latin1MapsHighOctetsToTheirCodePoints() {
        assertThat(text(NO_UDH, 3, "43 e9 ff")).isEqualTo("Céÿ");
    }

    @Test
    void ucs2DecodesFullWidthLettersChineseAndSurrogatePairs() {
        assertThat(text(NO_UDH, 8, "ff23 ff38 ff2d ff39 ff24")).isEqualTo("ＣＸＭＹＤ");
        assertThat(text(NO_UDH, 8, "5c0a 656c 7684")).isEqualTo("尊敬的");
        assertThat(text(NO_UDH, 8, "d83d de00 d840 dc00")).isEqualTo("😀𠀀");
    }

    @Test
    void unpairedUcs2SurrogateBecomesAReplacementCharacterNotAnError() {
        assertThat(text(NO_UDH, 8, "0043 d83d 0058")).isEqualTo("C\uFFFDX");
        assertThat(text(NO_UDH, 8, "de00 0043 d83d")).isEqualTo("\uFFFDC\uFFFD");
    }

    @Test
    void oddLengthUcs2IsRefusedAsAnInvalidMessageLength() {
        assertThat(rejected(NO_UDH, 8, "0043 00")).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
        assertThat(rejected(NO_UDH, 8, "43")).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
    }

    @Test
    void gbkDecodesTheKeywordChineseAndGb18030FourByteSequences() {
        assertThat(text(NO_UDH, 15, "43 58 4d 59 44")).isEqualTo("CXMYD");
        assertThat(text(NO_UDH, 15, "b2e9 d1af d0d0 b3cc")).isEqualTo("查询行程");
        assertThat(text(NO_UDH, 15, "9532 8236")).isEqualTo("𠀀");
    }

    @Test
    void truncatedGbkEndsInAReplacementCharacter() {
        assertThat(text(NO_UDH, 15, "43 b2")).isEqualTo("C\uFFFD");
    }

    @Test
    void unsupportedCodingsAreRefusedWithInvalidDataCoding() {
        for (int coding : new int[] {2, 4, 5, 6, 7, 9, 14, 0x10, 0x18, 0xF0, 0xF4, 0xFF}) {
            assertThat(rejected(NO_UDH, coding, "43 58")).as("data_coding %d", coding)
                    .isEqualTo(SmppStatus.ESME_RINVDCS);
        }
    }

    @Test
    void userDataHeaderIsSkippedWhenUdhiIsSet() {
        // Part 1 of 2 of a subscriber's own concatenated UCS2 message: 05 00 03 ref total seq.
        assertThat(text(UDHI, 8, "05 00 03 2a 02 01  0043 0058 004d 0059 0044")).isEqualTo("CXMYD");
        // A 16-bit reference header (7 octets) before ASCII.
        assertThat(text(UDHI, 0, "06 08 04 01 2a 02 01  63 78 6d 79 64")).isEqualTo("cxmyd");
        assertThat(text(UDHI | 0x03, 15, "05 00 03 2a 02 02  b2e9 d1af")).isEqualTo("查询");
    }

    @Test
    void aHeaderThatIsTheWholeMessageLeavesEmptyText() {
        assertThat(text(UDHI, 8, "05 00 03 2a 02 02")).isEmpty();
    }

    @Test
    void headerOctetsAreTextWhenUdhiIsNotSet() {
        assertThat(text(NO_UDH, 1, "05 43")).isEqualTo("\u0005C");
    }

    @Test
    void headerLongerThanThePayloadIsRefusedAsAnInvalidMessageLength() {
        assertThat(rejected(UDHI, 8, "05 00 03")).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
        assertThat(rejected(UDHI, 0, "ff 00")).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
        assertThat(rejected(UDHI, 8, "")).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
    }

    @Test
    void oddUcs2AfterTheHeaderIsRefused() {
        assertThat(rejected(UDHI, 8, "05 00 03 2a 02 01  0043 00")).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
    }

    @Test
    void missingPayloadReadsAsEmptyText() {
        assertThat(TextDecoder.decode(NO_UDH, (byte) 8, null)).isEqualTo(new DecodeResult.Text(""));
    }

    @Test
    void inboundMessageIsDecodedByItsOwnEsmClassAndCoding() {
        InboundMessage message = new InboundMessage("china-mobile", SmppAddress.of("13800138000"),
                SmppAddress.of("10086"), UDHI, (byte) 8, hex("050003010101 ff23ff38ff2dff39ff24"), false,
                Instant.EPOCH);
        assertThat(TextDecoder.decode(message)).isEqualTo(new DecodeResult.Text("ＣＸＭＹＤ"));
    }

    @Test
    void garbageInEveryCodingAndEsmClassNeverThrows() {
        Random random = new Random(20261121L);
        for (int i = 0; i < 20_000; i++) {
            byte[] payload = new byte[random.nextInt(200)];
            random.nextBytes(payload);
            byte esmClass = (byte) random.nextInt(256);
            byte coding = (byte) random.nextInt(256);
            assertThatCode(() -> TextDecoder.decode(esmClass, coding, payload)).doesNotThrowAnyException();
        }
    }
}
