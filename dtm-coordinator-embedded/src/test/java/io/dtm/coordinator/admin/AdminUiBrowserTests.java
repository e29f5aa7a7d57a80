package io.dtm.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.scenario.Busi;
import io.dtm.coordinator.scenario.CoordinatorTestApp;
import io.dtm.coordinator.scenario.TestStores;

/**
 * The admin UI in a real headless Chromium, against the coordinator and a business
 * service on a random port, with authentication on: the token prompt, the list and its
 * filters, a failed saga's compensations, the stuck view and a force stop. Takes the
 * screenshots of docs/operations.md (see {@link #screenshot}).
 * <p>
 * Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (scripts/browser.sh
 * installs them; the environment variables DTM_CHROMIUM and DTM_CHROMEDRIVER name
 * others). Without them the test is skipped, unless DTM_REQUIRE_BROWSER=1, as on CI,
 * where it fails.
 */
@SpringBootTest(classes = CoordinatorTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "dtm.coordinator.enabled=true", "dtm.coordinator.admin.enabled=true",
                "dtm.coordinator.cron-enabled=false", "dtm.coordinator.alert-webhook=",
                "dtm.coordinator.admin.heartbeat-interval=1s", "dtm.coordinator.auth.enabled=true",
                "dtm.coordinator.auth.tokens[0].token=" + AdminUiBrowserTests.TOKEN,
                "dtm.coordinator.auth.tokens[0].role=OPERATE" })
@EnabledIf(value = "browserInstalledOrRequired", disabledReason = "skipped: the admin UI browser test needs Chromium "
        + "and chromedriver (/usr/bin/chromium and /usr/bin/chromedriver, or DTM_CHROMIUM and DTM_CHROMEDRIVER): run "
        + "'bash scripts/browser.sh'; DTM_REQUIRE_BROWSER=1 makes their absence a failure")
class AdminUiBrowserTests {

    static final String TOKEN = "admin-ui-operator-7e2c94d1";

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriver browser;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    Busi busi;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.register(registry, "adminui");
    }

    static boolean browserInstalledOrRequired() {
        return "1".equals(System.getenv("DTM_REQUIRE_BROWSER"))
                || Files.isExecutable(chromium()) && Files.isExecutable(chromedriver());
    }

    private static Path chromium() {
        return Path.of(env("DTM_CHROMIUM", "/usr/bin/chromium"));
    }

    private static Path chromedriver() {
        return Path.of(env("DTM_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    @BeforeAll
    static void startBrowser() {
        Path chromium = chromium();
        Path driver = chromedriver();
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            throw new IllegalStateException("DTM_REQUIRE_BROWSER=1, but the admin UI browser test finds no Chromium at "
                    + chromium + " or no chromedriver at " + driver + ": run 'bash scripts/browser.sh' (Debian's "
                    + "chromium and chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1300", "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Test
    void anOperatorFindsTheFailedSagaAndForceStopsTheStuckOne() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 4);
        String ok = "transfer-" + run + "-1001";
        String ok2 = "transfer-" + run + "-1002";
        String failed = "transfer-" + run + "-1003";
        String stuck = "transfer-" + run + "-1004";
        String stuck2 = "transfer-" + run + "-1005";
        submit(ok, Map.of("wait_result", true));
        submit(ok2, Map.of("wait_result", true));
        busi.setOnce(failed, "TransIn", "FAILURE");
        submit(failed, Map.of("wait_result", true));
        busi.setOnce(stuck, "TransOut", "ERROR", "ERROR", "ERROR");
        busi.setOnce(stuck2, "TransOut", "ERROR", "ERROR", "ERROR");
        submit(stuck, Map.of("timeout_to_fail", 1, "retry_interval", 3600));
        get("/api/dtmsvr/subscribe?topic=order-paid&url=" + enc(busiUrl() + "/TransIn") + "&remark=inventory");
        await().atMost(WAIT).until(() -> get("/api/admin/stuck").contains(stuck));

        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(base() + "/admin");

        // the page holds no data: it asks for the token first
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-dialog")));
        browser.findElement(By.id("token-input")).sendKeys(TOKEN);
        browser.findElement(By.id("token-submit")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tx-table tr[data-gid='" + ok + "']")));
        assertThat(listed()).contains(ok, ok2, failed, stuck);
        // the failing one shows its last error in the list, not only on hover
        assertThat(
                browser.findElement(By.cssSelector("#tx-table tr[data-gid='" + stuck + "'] .branch-error")).getText())
            .contains("failing: 01 action")
            .contains("500");
        assertThat(browser.findElements(By.cssSelector("#tx-table tr[data-gid='" + ok + "'] .branch-error"))).isEmpty();
        // every time names its zone
        assertThat(browser.findElements(By.cssSelector("#tx-table time")))
            .allSatisfy(t -> assertThat(t.getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\S+"));
        screenshot("admin-list.png");

        new Select(browser.findElement(By.name("status"))).selectByValue("failed");
        browser.findElement(By.id("apply-filters")).click();
        wait.until(d -> listed().equals(List.of(failed)));
        assertThat(browser.findElements(By.cssSelector("#tx-table tbody tr")))
            .allSatisfy(row -> assertThat(row.getDomAttribute("data-status")).isEqualTo("failed"));

        browser.findElement(By.linkText(failed)).click();
        wait.until(ExpectedConditions.textToBe(By.id("tx-status"), "failed"));
        assertThat(browser.findElement(By.id("field-rollback-reason")).getText()).contains("Insufficient balance");
        List<String> calls = browser.findElements(By.cssSelector("#calls tbody tr"))
            .stream()
            .map(row -> row.getDomAttribute("data-branch") + "/" + row.getDomAttribute("data-op"))
            .toList();
        assertThat(calls).containsExactly("01/action", "02/action", "02/compensate", "01/compensate");
        assertThat(browser.findElements(By.cssSelector("#branches tbody tr"))
            .stream()
            .map(row -> row.getDomAttribute("data-branch") + "/" + row.getDomAttribute("data-op") + "="
                    + row.getDomAttribute("data-status"))
            .toList())
            .containsExactly("01/action=succeed", "01/compensate=succeed", "02/action=failed", "02/compensate=succeed");
        assertThat(browser.findElement(By.id("force-stop")).isEnabled()).as("a finished saga cannot be stopped")
            .isFalse();
        WebElement transIn = browser.findElement(By.cssSelector("#branches tr[data-branch='02'][data-op='action']"));
        assertThat(transIn.findElement(By.cssSelector("td.url")).getText()).contains(busiUrl() + "/TransIn");
        assertThat(transIn.findElements(By.cssSelector("pre.payload"))).as("fetched on demand only").isEmpty();
        transIn.findElement(By.cssSelector(".show-payload")).click();
        wait.until(d -> transIn.findElement(By.cssSelector("pre.payload")).getText().contains("\"amount\":30"));
        assertThat(transIn.findElement(By.cssSelector(".payload-box")).getText()).isEqualTo("{\"amount\":30}");
        assertThat(browser.findElement(By.id("field-rolled-back")).getText()).doesNotContain("Force");
        screenshot("admin-failed-saga.png");

        browser.findElement(By.cssSelector("#nav a[data-nav='stuck']")).click();
        WebElement stuckRow = wait.until(ExpectedConditions
            .presenceOfElementLocated(By.cssSelector("#stuck-table tr[data-gid='" + stuck + "']")));
        assertThat(stuckRow.getText()).contains("submitted")
            .contains("branch calls have failed since")
            .contains("failing: 01 action");
        assertThat(browser.findElements(By.cssSelector("#stuck-table tr[data-gid='" + ok + "']"))).isEmpty();
        screenshot("admin-stuck.png");

        stuckRow.findElement(By.linkText(stuck)).click();
        wait.until(ExpectedConditions.textToBe(By.id("tx-status"), "submitted"));
        assertThat(browser.findElement(By.cssSelector("#calls tbody tr")).getDomAttribute("data-result"))
            .isEqualTo("retryable");
        assertThat(nextRetry()).as("an hour of backoff").isAfter(Instant.now().plusSeconds(1800));
        browser.findElement(By.id("retry-now")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        browser.findElement(By.id("confirm-cancel")).click();
        assertThat(browser.findElements(By.cssSelector(".notice"))).as("cancelled: nothing done").isEmpty();
        browser.findElement(By.id("retry-now")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.success"), "Made due now"));
        assertThat(browser.findElement(By.id("tx-status")).getText()).isEqualTo("submitted");
        assertThat(nextRetry()).as("due now").isBefore(Instant.now().plusSeconds(60));

        // the same for every stuck transaction at once
        submit(stuck2, Map.of("retry_interval", 3600));
        browser.findElement(By.cssSelector("#nav a[data-nav='stuck']")).click();
        wait.until(ExpectedConditions
            .presenceOfElementLocated(By.cssSelector("#stuck-table tr[data-gid='" + stuck2 + "']")));
        assertThat(nextCronTime(stuck2)).isAfter(Instant.now().plusSeconds(1800));
        browser.findElement(By.id("retry-stuck")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.success"), "due now"));
        assertThat(browser.findElement(By.cssSelector(".notice.success")).getText()).contains("2 matched");
        assertThat(nextCronTime(stuck2)).as("due now").isBefore(Instant.now().plusSeconds(60));
        browser.findElement(By.linkText(stuck)).click();
        wait.until(ExpectedConditions.textToBe(By.id("tx-status"), "submitted"));

        browser.findElement(By.id("force-stop")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains(stuck)
            .contains("Nothing is compensated");
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBe(By.id("tx-status"), "failed"));
        assertThat(browser.findElement(By.cssSelector(".notice.success")).getText()).contains("Force stopped");
        assertThat(browser.findElement(By.id("force-stop")).isEnabled()).isFalse();
        assertThat(get("/api/dtmsvr/query?gid=" + enc(stuck))).contains("\"status\":\"failed\"");
        assertThat(browser.findElement(By.id("field-force-stopped")).getText()).endsWith("— no compensation ran");
        assertThat(browser.findElements(By.id("field-rolled-back"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("h1 .force-stopped")).getText()).isEqualTo("force-stopped");
        screenshot("admin-force-stopped.png");

        browser.findElement(By.cssSelector("#nav a[data-nav='topics']")).click();
        WebElement topic = wait.until(ExpectedConditions
            .presenceOfElementLocated(By.cssSelector("#topics-table tr[data-topic='order-paid']")));
        assertThat(topic.getText()).contains(busiUrl() + "/TransIn").contains("inventory");

        browser.findElement(By.cssSelector("#nav a[data-nav='replicas']")).click();
        WebElement self = wait
            .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#replicas-table .self")));
        assertThat(self.findElement(By.xpath("./ancestor::tr")).getDomAttribute("data-replica"))
            .contains(":" + port + "@");
    }

    private Instant nextCronTime(String gid) throws Exception {
        String json = get("/api/admin/transaction?gid=" + enc(gid));
        return Instant
            .parse((String) ((Map<?, ?>) TransJson.readObject(json).get("transaction")).get("next_cron_time"));
    }

    private static Instant nextRetry() {
        return Instant.parse(browser.findElement(By.cssSelector("#field-next-retry time")).getDomAttribute("datetime"));
    }

    /**
     * The gids of the list's rows, read in one script so a re-rendering table is never
     * half read.
     */
    @SuppressWarnings("unchecked")
    private List<String> listed() {
        return (List<String>) browser
            .executeScript("return [...document.querySelectorAll('#tx-table tbody tr')].map(row => row.dataset.gid);");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String busiUrl() {
        return base() + "/api/busi";
    }

    private void submit(String gid, Map<String, Object> options) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", "saga");
        body.put("steps",
                List.of(Map.of("action", busiUrl() + "/TransOut", "compensate", busiUrl() + "/TransOutRevert"),
                        Map.of("action", busiUrl() + "/TransIn", "compensate", busiUrl() + "/TransInRevert")));
        body.put("payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
        body.putAll(options);
        send(HttpRequest.newBuilder(URI.create(base() + "/api/dtmsvr/submit"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(TransJson.write(body))));
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http
            .send(request.header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Into target/screenshots; with {@code -Ddtm.screenshots=docs} into docs/images of
     * the repository, where docs/operations.md shows them.
     */
    private static void screenshot(String name) throws IOException {
        Path images = Path.of("target", "screenshots");
        if ("docs".equals(System.getProperty("dtm.screenshots"))) {
            Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            while (dir != null && !Files.isRegularFile(dir.resolve("docs/coordinator.md"))) {
                dir = dir.getParent();
            }
            images = (dir == null ? images : dir.resolve("docs").resolve("images"));
        }
        Files.createDirectories(images);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), images.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

}
