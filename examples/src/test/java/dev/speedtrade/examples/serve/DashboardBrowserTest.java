package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.funding.Withdrawal;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless chromium driven by its chromedriver (no
 * Selenium Manager download), against a {@link HostService} on a free port. Skipped when chromium
 * or chromedriver is missing, unless {@code CI=true}, where their absence fails (CI installs them:
 * {@code .ci/run}). Writes the screenshot {@code target/dashboard.png} and copies it to {@code
 * docs/images/dashboard.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private ServeFixture f;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void startTheBrowser() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      String why =
          "needs "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (apt-get install chromium chromium-driver)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI must run the dashboard's browser test: it " + why);
      }
      Assumptions.abort("the dashboard's browser test is skipped: it " + why);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--force-device-scale-factor=1");
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, PATIENCE);
    // a live order event replaces its row while a wait reads it
    wait.ignoring(StaleElementReferenceException.class);
    f = new ServeFixture();
  }

  @BeforeEach
  void freshPage() {
    browser.get(f.url("/dashboard/"));
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (f != null) {
      f.close();
    }
  }

  @Test
  void signsInInvestsPreviewsADryRunAndWithdraws() throws IOException {
    // a wrong token: the server's message, and no dashboard
    type("token", "not-a-token");
    click("signin-button");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("signin-error"), "UNAUTHENTICATED"));
    assertThat(byId("app").isDisplayed()).isFalse();

    signIn(ALICE_TOKEN);
    assertThat(byId("client-id").getText()).isEqualTo("alice");
    assertThat(byId("pf-cash").getText()).isEqualTo("0.00");

    // a deposit, completed by the payment provider's signed webhook
    type("deposit-amount", "1000.00");
    click("deposit-submit");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("deposit-message"), "PENDING"));
    WebElement depositRow =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#deposits-body tr[data-deposit-id]")));
    String depositId = depositRow.getDomAttribute("data-deposit-id");
    Deposit deposit = f.platform.funding().deposit(depositId).orElseThrow();
    assertThat(deposit.user()).isEqualTo("alice");
    SignedWebhook paid = f.gateway.completeDeposit(deposit.session().providerReference());
    assertThat(f.postWebhook("/v1/stripe/webhook", paid.body(), paid.headers()).status())
        .isEqualTo(200);
    click("refresh");
    wait.until(ExpectedConditions.textToBe(By.id("pf-cash"), "1000.00"));
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("#deposits-body tr[data-deposit-id='" + depositId + "']"),
            "data-status",
            "COMPLETED"));

    // an investment: a bad amount is refused with the server's message, a good one listed in paper
    JsonNode bot =
        f.call("GET", "/api/admin/trading/bots", ALICE_TOKEN, null).json().get("bots").get(0);
    new Select(byId("inv-bot")).selectByValue(bot.get("id").asText());
    type("inv-amount", "ten");
    click("inv-submit");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("investment-message"), "INVALID_AMOUNT"));
    type("inv-amount", "600.00");
    new Select(byId("inv-mode")).selectByValue("paper");
    click("inv-submit");
    By paperRow =
        By.cssSelector("#investments-paper tr[data-bot-id='" + bot.get("id").asText() + "']");
    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(paperRow));
    assertThat(row.getText()).contains("600.00");
    assertThat(browser.findElements(By.cssSelector("#investments-live tr[data-bot-id]"))).isEmpty();

    // the trading settings: a bad value is refused with the server's message, a good one stored
    wait.until(d -> !byId("set-minutes").getDomProperty("value").isEmpty());
    type("set-minutes", "soon");
    click("settings-submit");
    wait.until(ExpectedConditions.attributeContains(By.id("settings-message"), "class", "error"));
    assertThat(byId("settings-message").getText()).contains("soon");
    type("set-minutes", "15");
    click("settings-submit");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("settings-message"), "Settings saved."));
    JsonNode stored = f.call("GET", "/api/admin/trading/settings", ALICE_TOKEN, null).json();
    assertThat(stored.get("minutesBeforeClose").asText()).isEqualTo("15");

    // a dry run: its chart has a bar pair per symbol of the plan, the bot's symbols among them
    new Select(byId("exec-mode")).selectByValue("paper");
    click("exec-preview");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("svg[data-testid='weights-chart']")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("exec-message"), "Dry run"));
    List<WebElement> bars =
        browser.findElements(By.cssSelector("#plan-chart g[data-testid='chart-row']"));
    List<String> charted = new ArrayList<>();
    for (WebElement bar : bars) {
      charted.add(bar.getDomAttribute("data-symbol"));
      assertThat(bar.findElements(By.cssSelector("rect[data-kind]"))).hasSize(2);
    }
    List<String> symbols = new ArrayList<>();
    bot.get("symbols").forEach(s -> symbols.add(s.asText()));
    assertThat(charted).containsAll(symbols).doesNotHaveDuplicates();
    // the execution log: the server's executions (whether a dry run is one is the server's call)
    List<String> logged = new ArrayList<>();
    f.call("GET", "/api/admin/trading/executions?mode=paper", ALICE_TOKEN, null)
        .json()
        .get("executions")
        .forEach(x -> logged.add(x.get("id").asText()));
    wait.until(d -> executionIdsShown().equals(logged));

    // a withdrawal, listed with the server's figures
    String withdrawableBefore = byId("pf-withdrawable").getText();
    type("withdraw-amount", "100.00");
    new Select(byId("withdraw-type")).selectByValue("card");
    type("withdraw-destination", "4242");
    click("withdraw-submit");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("withdraw-message"), "****4242"));
    Withdrawal withdrawal =
        f.platform.funding().withdrawals().stream()
            .filter(w -> w.user().equals("alice"))
            .findFirst()
            .orElseThrow();
    WebElement listed =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    "#withdrawals-body tr[data-withdrawal-id='" + withdrawal.id() + "']")));
    assertThat(listed.getText()).contains("100.00", withdrawal.net().toPlainString(), "****4242");
    String withdrawable =
        f.call("GET", "/balances", ALICE_TOKEN, null).json().get("withdrawable").asText();
    assertThat(withdrawable).isNotEqualTo(withdrawableBefore);
    wait.until(ExpectedConditions.textToBe(By.id("pf-withdrawable"), withdrawable));

    // an order placed elsewhere shows after a refresh, with its status and the position it made
    Answer placed =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"id\":\"buy-1\",\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":1}");
    assertThat(placed.status()).isEqualTo(201);
    String status = f.call("GET", "/orders/buy-1", ALICE_TOKEN, null).json().get("status").asText();
    click("refresh");
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("#orders-body tr[data-order-id='buy-1']"), "data-status", status));
    if (status.equals("FILLED")) {
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#positions-body tr[data-symbol='SPY']")));
    }

    screenshot();
  }

  @Test
  void showsANewOrderLiveFromTheWebsocket() {
    signIn(BOB_TOKEN);
    wait.until(d -> !"connecting".equals(byId("live-status").getDomAttribute("data-state")));
    String state = byId("live-status").getDomAttribute("data-state");
    assertThat(byId("live-status").getText()).isEqualTo("live updates: " + state);
    // a service without /ws/orders (the JDK's server has no websocket) leaves the badge off
    Assumptions.assumeTrue(
        "on".equals(state), "/ws/orders is not served yet: live updates are off");
    f.fund("bob", null, "500.00");
    Answer order =
        f.call(
            "POST",
            "/orders",
            BOB_TOKEN,
            "{\"id\":\"live-1\",\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"qty\":1,\"price\":\"1.00\",\"timeInForce\":\"GTC\"}");
    assertThat(order.status()).isEqualTo(201);
    String status = f.call("GET", "/orders/live-1", BOB_TOKEN, null).json().get("status").asText();
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("#orders-body tr[data-order-id='live-1']"), "data-status", status));
  }

  private void signIn(String token) {
    type("token", token);
    click("signin-button");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    wait.until(d -> !byId("client-id").getText().isEmpty());
  }

  /**
   * Writes the page, whole, to target/dashboard.png, and to docs/images/ when the docs are there.
   */
  private void screenshot() throws IOException {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.scrollTo(0, 0)");
    long height =
        (Long)
            js.executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight"
                    + " - window.innerHeight");
    browser.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 4, 4000)));
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "dashboard.png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isGreaterThan(10_000);
    Path docs = Path.of("..", "docs");
    if (Files.isDirectory(docs)) {
      Files.createDirectories(docs.resolve("images"));
      Files.copy(
          target,
          docs.resolve("images").resolve("dashboard.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private List<String> executionIdsShown() {
    List<String> ids = new ArrayList<>();
    for (WebElement row :
        browser.findElements(By.cssSelector("#executions-body tr[data-execution-id]"))) {
      ids.add(row.getDomAttribute("data-execution-id"));
    }
    return ids;
  }

  private WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private void type(String id, String text) {
    WebElement input = byId(id);
    input.clear();
    input.sendKeys(text);
  }

  private void click(String id) {
    byId(id).click();
  }
}
