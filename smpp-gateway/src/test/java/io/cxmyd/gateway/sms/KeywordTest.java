package io.cxmyd.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordTest {

    @Test
    void upperAndLowerCaseKeywordAreAQuery() {
        assertThat(Keyword.parse("CXMYD")).isEqualTo(new Command.Query(""));
        assertThat(Keyword.parse("cxmyd")).isEqualTo(new Command.Query(""));
        assertThat(Keyword.parse("CxMyD")).isEqualTo(new Command.Query(""));
    }

    @Test
    void fullWidthKeywordWithIdeographicAndAsciiSpacesIsAQuery() {
        assertThat(Keyword.parse(" ＣＸＭＹＤ ")).isEqualTo(new Command.Query(""));
        assertThat(Keyword.parse("\u3000ＣＸＭＹＤ\u3000")).isEqualTo(new Command.Query(""));
        assertThat(Keyword.parse("ｃｘｍｙｄ")).isEqualTo(new Command.Query(""));
        assertThat(Keyword.parse("\t\r\nCXMYD\r\n")).isEqualTo(new Command.Query(""));
    }

    @Test
    void byteOrderMarkAndZeroWidthSpaceAroundTheKeywordAreIgnored() {
        assertThat(Keyword.parse("\uFEFFCXMYD")).isEqualTo(new Command.Query(""));
        assertThat(Keyword.parse("\u200BCXMYD\u200B")).isEqualTo(new Command.Query(""));
    }

    @Test
    void textAfterTheKeywordIsTheArgumentAndNothingMore() {
        assertThat(Keyword.parse("CXMYD 13900000000")).isEqualTo(new Command.Query("13900000000"));
        assertThat(Keyword.parse("ＣＸＭＹＤ　１３９００００００００")).isEqualTo(new Command.Query("13900000000"));
        assertThat(Keyword.parse("cxmyd please")).isEqualTo(new Command.Query("PLEASE"));
    }

    @Test
    void verificationCodeFormIsStillAPlainQueryUntilThatCommandExists() {
        assertThat(Keyword.parse("CXMYD#1234")).isEqualTo(new Command.Query("#1234"));
    }

    @Test
    void splitKeywordIsNotAQuery() {
        assertThat(Keyword.parse("CX MYD")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse("C X M Y D")).isSameAs(Command.OTHER);
    }

    @Test
    void emptyBlankAndNullTextAreNotAQuery() {
        assertThat(Keyword.parse("")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse("   \u3000")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse(null)).isSameAs(Command.OTHER);
    }

    @Test
    void otherWordsAndAConfirmationAreOther() {
        assertThat(Keyword.parse("Y")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse("查询行程")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse("CXMY")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse("XCXMYD")).isSameAs(Command.OTHER);
    }

    @Test
    void normaliseFoldsWidthTrimsAndUpperCases() {
        assertThat(Keyword.normalise(" ｃｘｍｙｄ\u3000１ ")).isEqualTo("CXMYD 1");
        assertThat(Keyword.normalise("cxmyd")).isEqualTo("CXMYD");
    }

    @Test
    void decodedUcs2FullWidthPayloadParsesAsAQuery() {
        DecodeResult decoded = TextDecoder.decode((byte) 0, (byte) 8,
                java.util.HexFormat.of().parseHex("3000ff23ff38ff2dff39ff243000"));
        assertThat(Keyword.parse(((DecodeResult.Text) decoded).text())).isEqualTo(new Command.Query(""));
    }

    @Test
    void widthFoldingShortcutAgreesWithNfkcOnEveryFullWidthFormAndTheIdeographicSpace() {
        for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
            String text = "CXMYD" + c + "x";
            String nfkc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
            assertThat(Keyword.normalise(text)).as("U+%04X", (int) c).isEqualTo(nfkc.toUpperCase(java.util.Locale.ROOT));
        }
        assertThat(Keyword.normalise("CXMYD\u3000X")).isEqualTo("CXMYD X");
    }

    @Test
    void otherCompatibilityCharactersStillGoThroughNfkc() {
        // U+2163 ROMAN NUMERAL FOUR and the circled C fold only under NFKC.
        assertThat(Keyword.normalise("ⓒxmyd Ⅳ")).isEqualTo("CXMYD IV");
        assertThat(Keyword.parse("ⓒⓧⓜⓨⓓ")).isEqualTo(new Command.Query(""));
    }
}
