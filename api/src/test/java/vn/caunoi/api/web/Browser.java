package vn.caunoi.api.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven through Debian's {@code chromedriver},
 * whose path is given so that Selenium never looks for or downloads a driver. Network conditions are
 * switched through the DevTools protocol ({@code executeCdpCommand}: the typed DevTools API needs a
 * CDP module of the browser's exact version). Every request the page makes is read back from the
 * performance log, so a test can prove that nothing loads from outside the server.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");

    private final ChromeDriver driver;
    private final Path profile;
    private final boolean ownProfile;

    private Browser(ChromeDriver driver, Path profile, boolean ownProfile) {
        this.driver = driver;
        this.profile = profile;
        this.ownProfile = ownProfile;
    }

    /** A laptop-sized window. */
    public static Browser open() {
        return open(1366, 900);
    }

    /** A phone-sized window (a mid-range Android phone: 412 × 915 CSS pixels). */
    public static Browser phone() {
        return open(412, 915);
    }

    public static Browser open(int width, int height) {
        try {
            return open(width, height, Files.createTempDirectory("caunoi-chromium-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A browser on a profile the caller keeps (not deleted on close): closing it and opening another
     * on the same profile is a closed and reopened browser, with its storage and service workers.
     */
    public static Browser reopen(int width, int height, Path profile) {
        return open(width, height, profile, false);
    }

    private static Browser open(int width, int height, Path profile, boolean ownProfile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The background-networking flags keep Chromium from calling Google's hosts, which this
        // closed network refuses (and which a government intranet would refuse too).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--lang=vi-VN", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Network.enable", Map.of());
        return new Browser(driver, profile, ownProfile);
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser get(String url) {
        driver.get(url);
        return this;
    }

    /** Waits up to {@code seconds} for the condition to hold (a non-null, non-false value), and returns it. */
    public <T> T await(int seconds, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(condition);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs asynchronous JavaScript: the last argument passed to the script is its callback. */
    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /** Cuts the network (requests fail as with no signal) or restores it. */
    public void offline(boolean offline) {
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /**
     * Lets the page download files into {@code directory} (created if missing) without asking:
     * headless Chromium refuses downloads until told where to put them.
     */
    public Path downloadTo(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path absolute = directory.toAbsolutePath();
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", absolute.toString()));
        return absolute;
    }

    /** Saves a PNG of the page under {@code target/screenshots/}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a PNG of the whole page, beyond the window's height, under {@code target/screenshots/}. */
    @SuppressWarnings("unchecked")
    public Path fullPageScreenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                "height", ((Number) size.get("height")).doubleValue(), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every URL the page requested since the last call (read from Chromium's performance log, which
     * this call drains): documents, scripts, styles, images, fetches, service-worker fetches.
     */
    public List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String message = entry.getMessage();
            if (message.contains("\"Network.requestWillBeSent\"")) {
                Matcher m = URL.matcher(message);
                if (m.find()) {
                    urls.add(m.group(1));
                }
            }
        }
        return urls;
    }

    /**
     * Of these URLs, those that go over the network to another origin (scheme, host and port) than
     * {@code base}'s. Only network schemes count: {@code data:}, {@code blob:} and the browser's own
     * pages ({@code chrome:}, {@code about:}) never leave the machine.
     */
    public static List<String> outside(String base, List<String> urls) {
        URI origin = URI.create(base);
        return urls.stream().filter(u -> u.matches("(?i)(https?|wss?)://.*")).filter(u -> {
            URI uri = URI.create(u.replace(" ", "%20"));
            return !(origin.getScheme().equals(uri.getScheme()) && origin.getHost().equals(uri.getHost()) && origin.getPort() == uri.getPort());
        }).toList();
    }

    /** What the page wrote to its console (errors included). */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            if (ownProfile) {
                deleteProfile();
            }
        }
    }

    private void deleteProfile() {
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
