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

    @Test
    void withConsentYInAnyCaseAndWidthIsAConfirmation() {
        assertThat(Keyword.parseWithConsent("Y")).isSameAs(Command.CONFIRM);
        assertThat(Keyword.parseWithConsent(" y ")).isSameAs(Command.CONFIRM);
        assertThat(Keyword.parseWithConsent("Ｙ")).isSameAs(Command.CONFIRM);
        assertThat(Keyword.parseWithConsent("ｙ\u3000")).isSameAs(Command.CONFIRM);
        assertThat(Keyword.parseWithConsent("YES")).isSameAs(Command.OTHER);
        assertThat(Keyword.parseWithConsent("是")).isSameAs(Command.OTHER);
    }

    @Test
    void withConsentKeywordAndFourCharactersIsAVerification() {
        assertThat(Keyword.parseWithConsent("CXMYD#1234")).isEqualTo(new Command.Verify("1234", false));
        assertThat(Keyword.parseWithConsent("cxmyd 123x")).isEqualTo(new Command.Verify("123X", false));
        assertThat(Keyword.parseWithConsent("CXMYD# 0417")).isEqualTo(new Command.Verify("0417", false));
        assertThat(Keyword.parseWithConsent("ＣＸＭＹＤ＃１２３Ｘ")).isEqualTo(new Command.Verify("123X", false));
    }

    @Test
    void withConsentFourCharactersAloneAreABareVerification() {
        assertThat(Keyword.parseWithConsent("1234")).isEqualTo(new Command.Verify("1234", true));
        assertThat(Keyword.parseWithConsent(" 123x ")).isEqualTo(new Command.Verify("123X", true));
        assertThat(Keyword.parseWithConsent("１２３４")).isEqualTo(new Command.Verify("1234", true));
    }

    @Test
    void withConsentOnlyExactlyFourDigitsOrAFinalXAreACode() {
        assertThat(Keyword.parseWithConsent("CXMYD 13900000000")).isEqualTo(new Command.Query("13900000000"));
        assertThat(Keyword.parseWithConsent("CXMYD")).isEqualTo(new Command.Query(""));
        assertThat(Keyword.parseWithConsent("CXMYD#")).isEqualTo(new Command.Query("#"));
        assertThat(Keyword.parseWithConsent("CXMYD#12345")).isEqualTo(new Command.Query("#12345"));
        assertThat(Keyword.parseWithConsent("CXMYD#12X4")).isEqualTo(new Command.Query("#12X4"));
        assertThat(Keyword.parseWithConsent("12345")).isSameAs(Command.OTHER);
        assertThat(Keyword.parseWithConsent("X123")).isSameAs(Command.OTHER);
        assertThat(Keyword.parseWithConsent("12 34")).isSameAs(Command.OTHER);
    }

    @Test
    void withoutConsentYAndCodesStayWhatTheyWere() {
        assertThat(Keyword.parse("Y")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse("1234")).isSameAs(Command.OTHER);
        assertThat(Keyword.parse("CXMYD#1234")).isEqualTo(new Command.Query("#1234"));
    }

    @Test
    void aVerificationNeverShowsItsCode() {
        assertThat(new Command.Verify("0417", false).toString()).doesNotContain("0417");
    }
}
