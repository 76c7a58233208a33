package org.universalim.it.web;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * One headless Chromium per test class (Debian's {@code chromium} and {@code chromium-driver}), with a fresh
 * profile. Each user of a test gets a tab of it. When a test fails, every tab's screenshot, HTML and console
 * log go to {@code target/browser-failures/}.
 *
 * <p>{@code -Dchromium.binary=...} and {@code -Dchromedriver=...} point at other installations.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    static final Duration WAIT = Duration.ofSeconds(25);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path FAILURES = Path.of("target", "browser-failures");

    private ChromeDriver driver;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        File binary = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        if (!binary.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("the browser tests need Chromium and its driver: apt-get install chromium "
                    + "chromium-driver (see .ci/run), or set -Dchromium.binary and -Dchromedriver");
        }
        profile = Files.createTempDirectory("uim-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows", "--window-size=1440,900", "--lang=en-GB",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a new tab on the URL and answers its handle. */
    public String newTab(String url) {
        String handle;
        String current = driver.getCurrentUrl();
        if (driver.getWindowHandles().size() == 1 && ("about:blank".equals(current) || "data:,".equals(current))) {
            handle = driver.getWindowHandle();
        } else {
            handle = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        }
        driver.get(url);
        return handle;
    }

    public void switchTo(String handle) {
        if (!handle.equals(driver.getWindowHandle())) {
            driver.switchTo().window(handle);
        }
    }

    /** Waits until the condition holds (never a fixed sleep). */
    public <T> T until(Function<WebDriver, T> condition) {
        return waiting().until(condition);
    }

    public <T> T until(Function<WebDriver, T> condition, String message) {
        return waiting().withMessage(message).until(condition);
    }

    /** Lists are drawn again when they change: an element may go stale between finding and reading it. */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Clicks what the locator finds, again if the page redrew it meanwhile. */
    public void click(org.openqa.selenium.By locator) {
        until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    /** Saves the current tab as target/screenshots/{name}.png and answers the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(FAILURES);
            int tab = 0;
            for (String handle : driver.getWindowHandles()) {
                driver.switchTo().window(handle);
                String name = test + "-tab" + tab++;
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), FAILURES.resolve(name + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(FAILURES.resolve(name + ".html"), String.valueOf(driver.getPageSource()));
            }
            StringBuilder log = new StringBuilder();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                log.append(entry).append('\n');
            }
            Files.writeString(FAILURES.resolve(test + "-console.log"), log);
        } catch (IOException | RuntimeException e) {
            System.err.println("[browser] could not capture the failure of " + test + ": " + e);
        }
    }
}
