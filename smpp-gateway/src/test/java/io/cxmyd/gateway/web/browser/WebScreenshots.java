package io.cxmyd.gateway.web.browser;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import io.cxmyd.gateway.web.Phones;
import io.cxmyd.itinerary.cache.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.openqa.selenium.Keys;

/**
 * Takes the screenshots of docs/web.md (not a test): the page at phone width (360 px) before login, with the
 * code sent, and the card of each outcome, on the demo dataset plus a risk list (广州) so the star shows. The
 * "busy" card is real too: a second gateway whose itinerary source is down serves the session opened on the
 * first, through the Redis both share.
 *
 * <pre>java -cp (test classpath) io.cxmyd.gateway.web.browser.WebScreenshots docs/web</pre>
 */
public final class WebScreenshots {

    private WebScreenshots() {
    }

    /** A gateway answers 503 until its Redis connection is up; 401 without a session once it is. */
    private static void awaitRedis(int webPort) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + webPort + "/api/v1/itinerary")).build();
        for (int i = 0; i < 400; i++) {
            if (http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the second gateway never reached Redis");
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/web");
        Path data = Files.createTempDirectory("cxmyd-shots");
        try (Stream<Path> files = Files.list(TestGateways.DEMO)) {
            for (Path f : files.toList()) {
                Files.copy(f, data.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(data.resolve("risk-areas.csv"), "area\n440100\n");
        try (RedisServer redis = RedisServer.start()) {
            String shared = "cache:\n  redis: " + redis.uri() + "\n  hashKey: \"screenshots-hash-key-0123\"\n"
                    + "web:\n  host: 127.0.0.1\n  port: 0\n";
            String local = TestGateways.config(shared).replace(TestGateways.DEMO.toString(), data.toString());
            String down = TestGateways.configWithItinerary(
                    "itinerary:\n  source: http\n  http:\n    baseUrl: http://127.0.0.1:9\n", shared)
                    // The next data day: the first gateway's lookups, cached in the same Redis, do not answer it.
                    .replace("2026-11-21T09:30:00+08:00", "2026-11-22T09:30:00+08:00");
            try (Gateway gateway = TestGateways.start(local); Gateway broken = TestGateways.start(down);
                 Phones phones = Phones.ofTestGateway(gateway.smppPort());
                 HeadlessChromium browser = new HeadlessChromium(360, 740)) {
                String url = "http://127.0.0.1:" + gateway.webPort() + "/";
                browser.open(url);
                browser.visible("#msisdn");
                browser.screenshot(out.resolve("login.png"));
                browser.type("13800138000");
                browser.press(Keys.TAB);
                browser.press(Keys.ENTER);
                String code = phones.code("china-mobile", "13800138000");
                browser.await("countdown", () -> browser.element("#get-code").getText().startsWith("重新获取("));
                browser.type(code);
                browser.screenshot(out.resolve("code-sent.png"));
                browser.press(Keys.ENTER);
                browser.visible("#result");
                browser.fullScreenshot(out.resolve("found-risk.png"));

                // The same session on the gateway whose source is down: the busy card (once its Redis is up).
                awaitRedis(broken.webPort());
                browser.open("http://127.0.0.1:" + broken.webPort() + "/");
                browser.await("busy card", () -> "unavailable".equals(browser.element("#card").getAttribute("data-outcome")));
                browser.fullScreenshot(out.resolve("unavailable.png"));

                String[][] shots = {
                    {"china-telecom", "18900000000", "found-abroad.png"},
                    {"china-unicom", "18600000000", "found.png"},
                    {"china-mobile", "13800138002", "ported.png"},
                    {"china-mobile", "17000000001", "virtual-operator.png"},
                    {"china-mobile", "13800138003", "nothing-qualified.png"},
                    {"china-mobile", "13800138004", "no-data.png"},
                    {"china-mobile", "13800138001", "new-account.png"},
                };
                for (String[] shot : shots) {
                    browser.open(url);
                    browser.visible("#result");
                    browser.element("#logout").click();
                    browser.visible("#login");
                    browser.type(shot[1]);
                    browser.press(Keys.TAB);
                    browser.press(Keys.ENTER);
                    String c = phones.code(shot[0], shot[1]);
                    browser.await("code field", () -> "code".equals(browser.focusedId()));
                    browser.type(c, Keys.ENTER);
                    browser.visible("#result");
                    browser.fullScreenshot(out.resolve(shot[2]));
                }
            }
        }
        System.out.println("screenshots in " + out.toAbsolutePath());
    }
}
