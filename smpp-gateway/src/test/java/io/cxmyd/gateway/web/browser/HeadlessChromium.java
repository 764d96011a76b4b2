package io.cxmyd.gateway.web.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: the only place that knows Selenium. Nothing
 * downloads a browser or a driver (both paths are given, so Selenium Manager has nothing to find); a profile of
 * its own in a temporary folder; no background network, sync, component updates or first-run pages.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriver driver;
    private int width;
    private int height;

    public HeadlessChromium(int width, int height) throws IOException {
        this.profile = Files.createTempDirectory("cxmyd-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        size(width, height);
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * A phone's viewport: headless windows are at least 500 px wide, so the width is set the way DevTools'
     * device mode does it (a mobile viewport of exactly this size, one pixel per CSS pixel).
     */
    public void size(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        this.width = width;
        this.height = height;
    }

    public WebElement element(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** Waits (generously: a shared machine) until the element is shown. */
    public WebElement visible(String css) {
        await("#" + css + " shown", () -> element(css).isDisplayed());
        return element(css);
    }

    /** Polls the page until {@code condition} holds (generously: a shared machine), else fails naming it. */
    public void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** Types into whatever has the focus: what a keyboard user does. */
    public void type(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    public void press(Keys key) {
        type(key);
    }

    public String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    public Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** Whether the page is wider than the viewport (a horizontal scroll bar on a phone). */
    public boolean overflowsHorizontally() {
        return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth;");
    }

    public long viewportWidth() {
        return ((Number) script("return window.innerWidth;")).longValue();
    }

    public void screenshot(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A screenshot of the whole page at the current width (the card may be taller than the phone). */
    public void fullScreenshot(Path png) throws IOException {
        int w = width;
        int h = height;
        long page = ((Number) script("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
        size(w, (int) Math.max(page, h));
        screenshot(png);
        size(w, h);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: the OS cleans it up
            }
        }
    }
}
