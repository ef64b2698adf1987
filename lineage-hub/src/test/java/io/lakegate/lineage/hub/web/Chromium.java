package io.lakegate.lineage.hub.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, headless, driven by Selenium. Installed with apt-get when missing, so that a
 * fresh machine runs the page's tests; a machine that cannot install them fails the test saying so.
 */
public final class Chromium {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    public static ChromeDriver start(Path profile) throws IOException, InterruptedException {
        installIfMissing();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // Without the background-networking flags Chromium keeps calling out of this closed network.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static synchronized void installIfMissing() throws IOException, InterruptedException {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        for (List<String> command : List.of(
                List.of("apt-get", "update", "-q"),
                List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium", "chromium-driver"))) {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/chromium-install.log"))
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Chromium is missing and `" + String.join(" ", command)
                        + "` failed (see target/chromium-install.log): install Debian's chromium and chromium-driver");
            }
        }
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException(
                    "apt-get installed chromium, but " + BROWSER + " or " + DRIVER + " is still missing");
        }
    }
}
