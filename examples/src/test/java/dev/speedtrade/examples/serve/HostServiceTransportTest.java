package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the server under the routes must keep: headers, body limits, bytes, the life cycle. */
class HostServiceTransportTest {
  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private HostService.Builder service(Route... routes) {
    HostService.Builder builder =
        HostService.builder()
            .platform(f.platform)
            .authenticator(BearerTokens.builder().client("alice", Secret.of(ALICE_TOKEN)).build());
    for (Route route : routes) {
      builder.route(route);
    }
    return builder;
  }

  @Test
  void setsTheJsonTypeAndTheSafetyHeadersOnEveryAnswerErrorsIncluded() throws IOException {
    for (String path : List.of("/health", "/nowhere", "/balances")) {
      try (Response response =
          f.http.newCall(new Request.Builder().url(f.url(path)).build()).execute()) {
        // Jetty writes the type without the space: "application/json;charset=utf-8"
        okhttp3.MediaType type = response.body().contentType();
        assertThat(type.type() + "/" + type.subtype()).isEqualTo("application/json");
        assertThat(type.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Server")).isNull();
      }
    }
  }

  @Test
  void refusesABodyOver64KiBWith413AndReadsOneAtTheLimit() {
    String padding = " ".repeat(HostService.MAX_BODY_BYTES - "{\"amount\":\"1.00\"}".length());
    Answer atLimit = f.call("POST", "/deposit", ALICE_TOKEN, "{\"amount\":\"1.00\"}" + padding);
    assertThat(atLimit.status()).as(atLimit.body()).isEqualTo(201);
    Answer over = f.call("POST", "/deposit", ALICE_TOKEN, "{\"amount\":\"1.00\"}" + padding + " ");
    assertThat(over.status()).isEqualTo(413);
    assertThat(over.json().get("code").asText()).isEqualTo("BODY_TOO_LARGE");
    assertThat(f.platform.funding().deposits()).hasSize(1);
  }

  @Test
  void handsARouteItsRawBodyQueryDecodedPathParametersAndHeaders() throws IOException {
    List<Call> seen = new ArrayList<>();
    byte[] raw = {(byte) 0xff, 0x00, '{', (byte) 0xc3};
    try (HostService service =
        service(
                Route.of(
                    "PUT",
                    "/echo/{id}",
                    Route.Access.CLIENT,
                    call -> {
                      seen.add(call);
                      return new Reply(
                          202,
                          new Reply.Binary("application/octet-stream", call.body()),
                          Map.of("Location", "/echo/" + call.param("id")));
                    }))
            .build()
            .start()) {
      Request request =
          new Request.Builder()
              .url("http://127.0.0.1:" + service.port() + "/echo/a%20b?mode=live&x=1&x=2")
              .header("Authorization", "Bearer " + ALICE_TOKEN)
              .header("X-Trace", "t-1")
              .put(okhttp3.RequestBody.create(raw, null))
              .build();
      try (Response response = f.http.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(202);
        assertThat(response.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(response.header("Location")).isEqualTo("/echo/a b");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.body().bytes()).isEqualTo(raw);
      }
    }
    Call call = seen.get(0);
    assertThat(call.client()).isEqualTo("alice");
    assertThat(call.param("id")).isEqualTo("a b");
    assertThat(call.query("mode")).contains("live");
    assertThat(call.query().get("x")).containsExactly("1", "2");
    assertThat(call.headers().entrySet())
        .anyMatch(
            h -> h.getKey().equalsIgnoreCase("X-Trace") && h.getValue().equals(List.of("t-1")));
  }

  @Test
  void redirectsWithALocationAndAnEmptyBody() throws IOException {
    try (HostService service =
        service(Route.of("GET", "/", Route.Access.PUBLIC, call -> Reply.redirect("/dashboard/")))
            .build()
            .start()) {
      okhttp3.OkHttpClient noFollow = f.http.newBuilder().followRedirects(false).build();
      try (Response response =
          noFollow
              .newCall(
                  new Request.Builder().url("http://127.0.0.1:" + service.port() + "/").build())
              .execute()) {
        assertThat(response.code()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/dashboard/");
        assertThat(response.body().bytes()).isEmpty();
      }
    }
  }

  @Test
  void picksAFreePortClosesIdempotentlyAndLeavesThePlatformOpen() {
    // one request thread: Jetty's own come on top
    HostService service = service().threads(1).build();
    assertThatThrownBy(service::port).isInstanceOf(IllegalStateException.class);
    service.start();
    int port = service.port();
    assertThat(port).isPositive().isNotEqualTo(f.service.port());
    assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
    assertThat(
            f.send(new Request.Builder().url("http://127.0.0.1:" + port + "/health").build())
                .status())
        .isEqualTo(200);
    service.close();
    service.close();
    assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(service::port).isInstanceOf(IllegalStateException.class);
    assertThat(f.call("GET", "/balances", ALICE_TOKEN, null).status()).isEqualTo(200);
  }

  @Test
  void closeAnswersTheRequestInProgressAndLogsNoErrorForAnIdleConnection() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HostService service =
        service(
                Route.of(
                    "GET",
                    "/slow",
                    Route.Access.PUBLIC,
                    call -> {
                      entered.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return Reply.ok(Map.of("done", true));
                    }))
            .build()
            .start();
    String base = "http://127.0.0.1:" + service.port();
    // leaves an idle keep-alive connection in another client's pool
    okhttp3.OkHttpClient idle = new okhttp3.OkHttpClient();
    try (Response health =
        idle.newCall(new Request.Builder().url(base + "/health").build()).execute()) {
      assertThat(health.code()).isEqualTo(200);
    }
    assertThat(idle.connectionPool().idleConnectionCount()).isEqualTo(1);
    CompletableFuture<Answer> slow =
        CompletableFuture.supplyAsync(
            () -> f.send(new Request.Builder().url(base + "/slow").build()));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Thread closer = new Thread(service::close);
      closer.start();
      // close() is waiting for the request in progress before the request is let go
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (closer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(closer.getState()).isEqualTo(Thread.State.TIMED_WAITING);
      release.countDown();
      closer.join(10_000);
      assertThat(closer.isAlive()).isFalse();
    } finally {
      System.setErr(err);
    }
    Answer answer = slow.get(10, TimeUnit.SECONDS);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("\"done\":true");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("ERROR", "failed to stop");
    assertThatThrownBy(() -> f.send(new Request.Builder().url(base + "/health").build()))
        .isInstanceOf(java.io.UncheckedIOException.class);
    idle.connectionPool().evictAll();
    idle.dispatcher().executorService().shutdown();
  }

  @Test
  void refusesAPortInUseWithAnUncheckedIoException() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      HostService service = service().port(taken.getLocalPort()).build();
      assertThatThrownBy(service::start)
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining(":" + taken.getLocalPort());
      service.close();
    }
  }

  @Test
  void servesRequestsOnDaemonThreads() {
    f.call("GET", "/health", null, null);
    List<Thread> serving =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("speedtrade-serve"))
            .toList();
    assertThat(serving).isNotEmpty().allMatch(Thread::isDaemon);
  }

  @Test
  void answersAnUnknownMethodOnAKnownPathWith405() {
    Answer put = f.call("PUT", "/orders", ALICE_TOKEN, "{}");
    assertThat(put.status()).isEqualTo(405);
    assertThat(new String(put.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .contains("METHOD_NOT_ALLOWED");
  }
}
