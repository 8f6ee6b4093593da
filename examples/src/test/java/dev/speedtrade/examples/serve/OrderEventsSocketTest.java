package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ADMIN_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderEventsSocketTest {
  private final ServeFixture f = new ServeFixture();
  private final List<Client> clients = new ArrayList<>();

  @AfterEach
  void close() {
    for (Client client : clients) {
      client.socket.cancel();
    }
    f.close();
  }

  @Test
  void sendsAliceHerOwnOrderEventsAsGetOrdersShowsThemAndNeverBobs() throws Exception {
    f.fund("alice", "dep-a", "10000.00");
    f.fund("bob", "dep-b", "10000.00");
    Client alice = connect("/ws/orders", ALICE_TOKEN);
    Client bob = connect("/ws/orders", BOB_TOKEN);
    assertThat(alice.next().get("type").asText()).isEqualTo("ready");
    JsonNode bobReady = bob.next();
    assertThat(bobReady.get("clientId").asText()).isEqualTo("bob");

    Answer created = f.call("POST", "/orders", ALICE_TOKEN, restingOrder("o-ws"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(f.call("POST", "/orders/o-ws/cancel", ALICE_TOKEN, null).status()).isEqualTo(200);

    List<String> events = new ArrayList<>();
    JsonNode last = null;
    while (last == null || !"CANCELED".equals(last.get("event").asText())) {
      last = alice.next();
      assertThat(last.get("type").asText()).isEqualTo("order");
      assertThat(last.get("order").get("id").asText()).isEqualTo("o-ws");
      assertThat(last.get("order").get("clientId").asText()).isEqualTo("alice");
      events.add(last.get("event").asText());
    }
    assertThat(events).startsWith("ACCEPTED").contains("CANCEL_REQUESTED").endsWith("CANCELED");
    assertThat(last.get("order"))
        .isEqualTo(f.call("GET", "/orders/o-ws", ALICE_TOKEN, null).json());

    // bob's own order reaches bob, and only after it: nothing of alice's came before
    assertThat(f.call("POST", "/orders", BOB_TOKEN, restingOrder("o-bob")).status()).isEqualTo(201);
    JsonNode bobs = bob.next();
    assertThat(bobs.get("order").get("id").asText()).isEqualTo("o-bob");
    assertThat(bobs.get("event").asText()).isEqualTo("ACCEPTED");
    assertThat(bobs.toString()).doesNotContain("o-ws").doesNotContain("alice");
  }

  @Test
  void authenticatesABrowserByItsFirstMessageAndSendsNothingBefore() throws Exception {
    f.fund("alice", "dep-a", "10000.00");
    Client alice = connect("/ws/orders", null);
    f.call("POST", "/orders", ALICE_TOKEN, restingOrder("o-before"));
    assertThat(alice.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    alice.socket.send("{\"token\":\"" + ALICE_TOKEN + "\"}");
    JsonNode ready = alice.next();
    assertThat(ready.get("type").asText()).isEqualTo("ready");
    assertThat(ready.get("clientId").asText()).isEqualTo("alice");
    f.call("POST", "/orders", ALICE_TOKEN, restingOrder("o-after"));
    assertThat(alice.next().get("order").get("id").asText()).isEqualTo("o-after");
  }

  @Test
  void closesWith4401ForABadTokenInTheHeaderOrTheFirstMessage() throws Exception {
    assertThat(connect("/ws/orders", ALICE_TOKEN + "x").closeCode()).isEqualTo(4401);
    Client wrong = connect("/ws/orders", null);
    wrong.socket.send("{\"token\":\"" + BOB_TOKEN + "x\"}");
    assertThat(wrong.closeCode()).isEqualTo(4401);
    assertThat(wrong.reason.get(5, TimeUnit.SECONDS)).isEqualTo("unauthenticated");
    Client garbage = connect("/ws/orders", null);
    garbage.socket.send("Bearer " + ALICE_TOKEN);
    assertThat(garbage.closeCode()).isEqualTo(4401);
    for (Client client : List.of(wrong, garbage)) {
      assertThat(client.messages).isEmpty();
    }
  }

  @Test
  void closesWith4404ForAnotherClientsIdInThePathAndServesTheCallersOwn() throws Exception {
    Client intruder = connect("/ws/orders/alice", BOB_TOKEN);
    assertThat(intruder.closeCode()).isEqualTo(4404);
    assertThat(intruder.messages).isEmpty();
    Client byMessage = connect("/ws/orders/alice", null);
    byMessage.socket.send("{\"token\":\"" + BOB_TOKEN + "\"}");
    assertThat(byMessage.closeCode()).isEqualTo(4404);
    Client admin = connect("/ws/orders/alice", ADMIN_TOKEN);
    assertThat(admin.closeCode()).isEqualTo(4404);

    f.fund("alice", "dep-a", "10000.00");
    Client own = connect("/ws/orders/alice", ALICE_TOKEN);
    assertThat(own.next().get("clientId").asText()).isEqualTo("alice");
    f.call("POST", "/orders", ALICE_TOKEN, restingOrder("o-own"));
    assertThat(own.next().get("order").get("id").asText()).isEqualTo("o-own");
  }

  @Test
  void closesWith4408WhenNoCredentialsArriveInTime() throws Exception {
    try (HostService service =
        HostService.builder()
            .platform(f.platform)
            .authenticator(BearerTokens.builder().client("alice", Secret.of(ALICE_TOKEN)).build())
            .socketAuthTimeout(Duration.ofMillis(200))
            .build()
            .start()) {
      Client silent = connectTo("ws://127.0.0.1:" + service.port() + "/ws/orders", null);
      assertThat(silent.closeCode()).isEqualTo(4408);
      assertThat(silent.messages).isEmpty();
    }
  }

  @Test
  void keepsServingOrdersAfterASocketGoesAway() throws Exception {
    f.fund("alice", "dep-a", "10000.00");
    Client gone = connect("/ws/orders", ALICE_TOKEN);
    gone.next();
    gone.socket.cancel();
    Client alive = connect("/ws/orders", ALICE_TOKEN);
    alive.next();
    for (int i = 0; i < 20; i++) {
      assertThat(f.call("POST", "/orders", ALICE_TOKEN, restingOrder("o-" + i)).status())
          .isEqualTo(201);
    }
    List<String> ids = new ArrayList<>();
    while (ids.size() < 20) {
      JsonNode event = alive.next();
      if (event.get("event").asText().equals("ACCEPTED")) {
        ids.add(event.get("order").get("id").asText());
      }
    }
    assertThat(ids).startsWith("o-0").endsWith("o-19").doesNotHaveDuplicates();
  }

  @Test
  void neverLetsASocketThatDoesNotReadHoldUpOrdersAndClosesIt() throws Exception {
    f.fund("alice", "dep-a", "10000.00");
    Client healthy = connect("/ws/orders", ALICE_TOKEN);
    healthy.next();
    try (java.net.Socket stuck = new java.net.Socket()) {
      // a tiny window, never read: the server's sends back up at once
      stuck.setReceiveBufferSize(1024);
      stuck.connect(new java.net.InetSocketAddress("127.0.0.1", f.service.port()));
      stuck
          .getOutputStream()
          .write(
              ("GET /ws/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Authorization: Bearer "
                      + ALICE_TOKEN
                      + "\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      stuck.getOutputStream().flush();
      // read the upgrade's answer and the ready message (so the socket is subscribed), then no more
      stuck.setSoTimeout(10_000);
      StringBuilder greeting = new StringBuilder();
      java.io.InputStream answer = stuck.getInputStream();
      while (!greeting.toString().contains("\"ready\"")) {
        int b = answer.read();
        assertThat(b).as("the server closed before ready: " + greeting).isNotNegative();
        greeting.append((char) b);
      }

      int orders = 2_000;
      long started = System.nanoTime();
      for (int i = 0; i < orders; i++) {
        f.platform
            .orders()
            .submit(
                dev.speedtrade.oms.SubmitOrder.builder()
                    .account("alice")
                    .clientOrderId("flood-" + i)
                    .symbol("SPY")
                    .side(dev.speedtrade.broker.OrderSide.BUY)
                    .type(dev.speedtrade.broker.OrderType.LIMIT)
                    .timeInForce(dev.speedtrade.broker.TimeInForce.GTC)
                    .qty(java.math.BigDecimal.ONE)
                    .limitPrice(new java.math.BigDecimal("1.00"))
                    .build());
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
      String lastId = "flood-" + (orders - 1);
      JsonNode event;
      do {
        event = healthy.next();
      } while (!event.get("order").get("id").asText().equals(lastId));

      // the stuck socket was given up: reading it to the end finds the server's close (1013)
      stuck.setSoTimeout(10_000);
      java.io.InputStream in = stuck.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      byte[] tail = new byte[0];
      for (int read; (read = in.read(buffer)) >= 0; ) {
        byte[] joined = java.util.Arrays.copyOf(tail, tail.length + read);
        System.arraycopy(buffer, 0, joined, tail.length, read);
        tail = java.util.Arrays.copyOfRange(joined, Math.max(0, joined.length - 64), joined.length);
      }
      String end = new String(tail, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(end).endsWith("\u0088\n\u0003\u00f5too slow");
    }
  }

  @Test
  void answersAPlainGetOnTheSocketsPathWithoutUpgrading() {
    Answer plain = f.call("GET", "/ws/orders", ALICE_TOKEN, null);
    assertThat(plain.status()).isIn(400, 404, 426);
    assertThat(plain.body()).doesNotContain("Exception");
  }

  // ------------------------------------------------------------------ helpers

  private static String restingOrder(String id) {
    return "{\"id\":\""
        + id
        + "\",\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"qty\":1,"
        + "\"price\":\"1.00\",\"timeInForce\":\"GTC\"}";
  }

  private Client connect(String path, String token) {
    return connectTo("ws://127.0.0.1:" + f.service.port() + path, token);
  }

  private Client connectTo(String url, String token) {
    Request.Builder request = new Request.Builder().url(url);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    Client client = new Client();
    client.socket = f.http.newWebSocket(request.build(), client);
    clients.add(client);
    return client;
  }

  /** A websocket's messages as JSON and how it was closed. */
  private static final class Client extends WebSocketListener {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> code = new CompletableFuture<>();
    final CompletableFuture<String> reason = new CompletableFuture<>();
    WebSocket socket;

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      try {
        messages.add(dev.speedtrade.examples.serve.RequestBody.MAPPER.readTree(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int closeCode, String closeReason) {
      reason.complete(closeReason);
      code.complete(closeCode);
      webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      code.completeExceptionally(t);
    }

    JsonNode next() throws InterruptedException {
      JsonNode message = messages.poll(5, TimeUnit.SECONDS);
      assertThat(message).as("a message within 5 s").isNotNull();
      return message;
    }

    int closeCode() throws Exception {
      return code.get(5, TimeUnit.SECONDS);
    }
  }
}
