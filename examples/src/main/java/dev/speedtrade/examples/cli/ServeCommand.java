package dev.speedtrade.examples.cli;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.examples.serve.BearerTokens;
import dev.speedtrade.examples.serve.DemoBots;
import dev.speedtrade.examples.serve.HostService;
import dev.speedtrade.funding.SimulatedPaymentGateway;
import dev.speedtrade.jdbc.JdbcStorage;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.MockKycProvider;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.MicrometerOrderMetrics;
import dev.speedtrade.rebalance.InProcessRebalanceScheduler;
import dev.speedtrade.secret.Secret;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code speedtrade serve}: the example host service ({@link HostService}) on an omnibus platform
 * on embedded defaults, a simulated venue on the system clock, the simulated payment provider and
 * the mock KYC provider, with demo clients from the environment. Serves until interrupted.
 */
@Command(
    name = "serve",
    description =
        "Serve an omnibus platform over HTTP (deposits, auto-invest, withdrawals, orders,"
            + " positions, order events over a websocket, Prometheus metrics and the providers'"
            + " signed webhooks) on a simulated venue, with demo"
            + " clients from SPEEDTRADE_DEMO_TOKENS; see docs/serve.md.")
final class ServeCommand implements Callable<Integer> {
  /** {@code alice=TOKEN,bob=TOKEN}: the demo clients and their bearer tokens. */
  static final String TOKENS_VARIABLE = "SPEEDTRADE_DEMO_TOKENS";

  static final String ADMIN_VARIABLE = "SPEEDTRADE_ADMIN_TOKEN";
  static final String PAYMENT_SECRET_VARIABLE = "STRIPE_WEBHOOK_SECRET";
  static final String KYC_SECRET_VARIABLE = "SUMSUB_WEBHOOK_SECRET";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--port",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "8080")
  int port;

  @Option(
      names = "--host",
      description = "Address to bind (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host = "127.0.0.1";

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "Keep the ledger and stores in this H2 file (default: in memory).")
  @Nullable Path db;

  @CommandLine.ParentCommand @Nullable SpeedTradeCli parent;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() {
    SpeedTradeCli cli = Objects.requireNonNull(parent);
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    Map<String, String> env = cli.environment;
    Map<String, String> generated = new LinkedHashMap<>();
    Map<String, Secret> clients = clients(env.get(TOKENS_VARIABLE), generated);
    Secret admin = secret(env.get(ADMIN_VARIABLE), "admin", generated);
    if (port < 0 || port > 65_535) {
      throw new UserInputException("--port must be 0-65535, got " + port);
    }
    Clock clock = Clock.systemUTC();
    SimulatedBroker venue =
        SimulatedBroker.builder()
            .clock(clock)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    SimulatedPaymentGateway gateway =
        SimulatedPaymentGateway.builder()
            .webhookSecret(secret(env.get(PAYMENT_SECRET_VARIABLE), null, generated))
            .clock(clock)
            .build();
    MockKycProvider identity =
        MockKycProvider.builder()
            .webhookSecret(secret(env.get(KYC_SECRET_VARIABLE), null, generated))
            .clock(clock)
            .build();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SpeedTrade.Builder builder =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
            .clock(clock)
            .payments(gateway)
            .kyc(identity)
            .allocations(DemoBots.allocations())
            .orderMetrics(MicrometerOrderMetrics.of(metrics));
    if (db != null) {
      builder.storage(JdbcStorage.h2File(db));
    }
    try (SpeedTrade platform = builder.build()) {
      BearerTokens.Builder tokens = BearerTokens.builder();
      for (Map.Entry<String, Secret> client : clients.entrySet()) {
        openClient(platform, identity, client.getKey());
        tokens.client(client.getKey(), client.getValue());
      }
      tokens.admin("admin", admin);
      try (InProcessRebalanceScheduler scheduler =
              InProcessRebalanceScheduler.builder()
                  .service(platform.rebalance())
                  .marketClock(platform.marketClock())
                  .clock(clock)
                  .settlement(platform.funding())
                  .build();
          HostService service =
              HostService.builder()
                  .platform(platform)
                  .authenticator(tokens.build())
                  .payments(gateway)
                  .bots(DemoBots.bots())
                  .metrics(metrics)
                  .host(host)
                  .port(port)
                  .build()
                  .start()) {
        out.println(
            "SpeedTrade serving on http://"
                + host
                + ":"
                + service.port()
                + " ("
                + (db == null ? "in memory" : "H2 file " + db)
                + ", simulated venue, payment and KYC providers)");
        out.println("clients: " + String.join(", ", clients.keySet()) + "; admin: admin");
        out.println(
            "dashboard: http://"
                + host
                + ":"
                + service.port()
                + "/dashboard/ (sign in with a token)");
        for (Map.Entry<String, String> token : generated.entrySet()) {
          out.println("generated token for " + token.getKey() + ": " + token.getValue());
        }
        scheduler.start();
        out.println(
            "scheduler: each enabled client's rebalance minutes before the close, settlement at"
                + " 08:00 New York");
        out.println("Ctrl-C stops it.");
        out.flush();
        cli.serveUntil.accept(service);
      }
    }
    return SpeedTradeCli.OK;
  }

  /** Blocks until the JVM shuts down (Ctrl-C): the default of {@link SpeedTradeCli#serveUntil}. */
  static void untilInterrupted(HostService service) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "speedtrade-serve-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Opens the client's funding and orders accounts and approves its KYC through the mock. */
  private static void openClient(SpeedTrade platform, MockKycProvider identity, String client) {
    platform.funding().openUser(client, KycStatus.PENDING, null);
    if (platform.kyc().status(client) != KycStatus.APPROVED) {
      String applicant = platform.kyc().start(client).verification().applicantId();
      KycWebhookDelivery green = identity.approve(applicant);
      platform.kyc().handleWebhook(green.body(), green.headers());
    }
  }

  /** Parses {@code alice=TOKEN,bob=TOKEN}; unset or blank: alice and bob with generated tokens. */
  static Map<String, Secret> clients(@Nullable String value, Map<String, String> generated) {
    Map<String, Secret> clients = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      for (String client : new String[] {"alice", "bob"}) {
        clients.put(client, secret(null, client, generated));
      }
      return clients;
    }
    for (String part : value.split(",", -1)) {
      int eq = part.indexOf('=');
      String client = eq < 0 ? "" : part.substring(0, eq).strip();
      String token = eq < 0 ? "" : part.substring(eq + 1).strip();
      if (!client.matches("[A-Za-z0-9._-]{1,64}") || token.isEmpty()) {
        // never echo the part: it may hold a token
        throw new UserInputException(
            TOKENS_VARIABLE
                + " must be client=TOKEN pairs separated by commas, each client 1-64 characters"
                + " of [A-Za-z0-9._-]; entry "
                + (clients.size() + 1)
                + " is not");
      }
      if (clients.containsKey(client)) {
        throw new UserInputException(TOKENS_VARIABLE + " names " + client + " twice");
      }
      clients.put(client, Secret.of(token));
    }
    return clients;
  }

  /**
   * The environment's secret, or a random one; a random one named {@code printAs} is recorded in
   * {@code generated} to be printed (a webhook secret, named null, never is).
   */
  private static Secret secret(
      @Nullable String value, @Nullable String printAs, Map<String, String> generated) {
    if (value != null && !value.isBlank()) {
      return Secret.of(value.strip());
    }
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    if (printAs != null) {
      generated.put(printAs, token);
    }
    return Secret.of(token);
  }
}
