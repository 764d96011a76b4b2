package io.cxmyd.gateway.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import io.cxmyd.gateway.web.Phones;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The page in a real browser (Debian's chromium, headless) on a running gateway: a person with a keyboard
 * types the number, asks for the code, reads it from the SMS (a carrier receiver bind here), types it, and sees
 * the card; on a 360×740 phone and at 320 px without a horizontal scroll.
 */
class WebPageBrowserIntegrationTests {

    private static Gateway gateway;
    private static Phones phones;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(TestGateways.config("web:\n  host: 127.0.0.1\n  port: 0\n"));
        phones = Phones.ofTestGateway(gateway.smppPort());
    }

    @AfterAll
    static void stop() {
        if (phones != null) {
            phones.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + gateway.webPort() + "/";
    }

    /** Number, Tab to 获取验证码, Enter; the code from the SMS; Enter: all from the keyboard. */
    static void logInWithTheKeyboard(HeadlessChromium browser, Phones phones, String carrier, String msisdn)
            throws Exception {
        logInWithTheKeyboard(browser, phones, carrier, msisdn, false);
    }

    /** The same, or Enter right in the number field, which asks for the code when none is typed yet. */
    static void logInWithTheKeyboard(HeadlessChromium browser, Phones phones, String carrier, String msisdn,
            boolean enterInTheNumberField) throws Exception {
        browser.visible("#msisdn");
        assertThat(browser.focusedId()).isEqualTo("msisdn");
        browser.type(msisdn);
        if (enterInTheNumberField) {
            browser.press(Keys.ENTER);
        } else {
            browser.press(Keys.TAB);
            assertThat(browser.focusedId()).isEqualTo("get-code");
            browser.press(Keys.ENTER);
        }
        String code = phones.code(carrier, msisdn);
        browser.await("the code field has the focus", () -> "code".equals(browser.focusedId()));
        assertThat(browser.element("#get-code").getText()).startsWith("重新获取(");
        browser.type(code, Keys.ENTER);
        browser.visible("#result");
    }

    @Test
    void personWithAKeyboardGetsTheCardOnAPhoneSizedScreen() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(360, 740)) {
            browser.open(url());
            assertThat(browser.viewportWidth()).isEqualTo(360);

            logInWithTheKeyboard(browser, phones, "china-mobile", "13800138000");

            assertThat(browser.element("#card-number").getText()).isEqualTo("138****8000");
            assertThat(browser.element("#card-update").getText()).isEqualTo("2026.11.21 08:00");
            assertThat(browser.element(".window").getText()).isEqualTo("11月14日–11月20日");
            assertThat(browser.texts("ul[aria-label='到达或途经的城市'] li"))
                    .containsExactly("北京市", "河北省石家庄市", "广东省广州市", "湖北省仙桃市");
            assertThat(browser.texts("ul[aria-label='到访的国家和地区'] li")).containsExactly("日本");
            assertThat(browser.overflowsHorizontally()).isFalse();

            browser.open(url());
            assertThat(browser.visible("#result").isDisplayed()).as("the next visit, without a code").isTrue();
            assertThat(browser.element("#card-number").getText()).isEqualTo("138****8000");

            browser.element("#logout").click();
            assertThat(browser.visible("#login").isDisplayed()).isTrue();
            assertThat(browser.element("#msisdn").getAttribute("value")).as("the form is empty again").isEmpty();
        }
    }

    @Test
    void outcomeTextsAndNotesShowAndNothingOverflowsAt320() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(320, 640)) {
            browser.open(url());
            assertThat(browser.viewportWidth()).isEqualTo(320);
            assertThat(browser.overflowsHorizontally()).isFalse();

            logInWithTheKeyboard(browser, phones, "china-mobile", "13800138001");

            assertThat(browser.element("#card").getAttribute("data-outcome")).isEqualTo("new_account");
            assertThat(browser.element(".outcome").getText()).contains("开户时间");
            assertThat(browser.overflowsHorizontally()).isFalse();

            browser.element("#logout").click();
            browser.visible("#login");
            logInWithTheKeyboard(browser, phones, "china-mobile", "17000000001", true);

            assertThat(browser.texts(".places li")).containsExactly("四川省成都市");
            assertThat(browser.texts(".note")).containsExactly("虚拟运营商手机号查询不完全支持，不保证查询结果的准确性。");
        }
    }

    @Test
    void wrongCodeSaysSoAndKeepsTheForm() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(360, 740)) {
            browser.open(url());
            browser.visible("#msisdn");
            browser.type("13800138004");
            browser.element("#get-code").click();
            String code = phones.code("china-mobile", "13800138004");
            String wrong = code.equals("000000") ? "000001" : "000000";
            browser.element("#code").sendKeys(wrong, Keys.ENTER);

            browser.await("the wrong-code message",
                    () -> browser.element("#login-msg").getText().equals("验证码错误或已过期，请重新输入"));
            assertThat(browser.element("#result").isDisplayed()).isFalse();
        }
    }
}
