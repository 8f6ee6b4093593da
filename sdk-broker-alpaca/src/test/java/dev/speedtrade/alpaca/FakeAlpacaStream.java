package dev.speedtrade.alpaca;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.internal.ws.RealWebSocket;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The server side of one {@code /stream} connection of {@link FakeAlpaca}: Alpaca's handshake
 * ({@code authenticate}, then {@code listen}) and, once listening to {@code trade_updates}, every
 * update the fake hands it. Every server message goes out as a binary frame, as Alpaca's paper
 * {@code /stream} sends them (and as alpaca-java, which ignores text frames, needs).
 */
final class FakeAlpacaStream extends WebSocketListener {
  static final String TRADE_UPDATES = "trade_updates";

  private final BiFunction<@Nullable Object, @Nullable Object, @Nullable Set<FakeAlpacaStream>>
      accounts;
  private final Set<FakeAlpacaStream> open;
  private final AtomicInteger opened;
  // The open streams of the account this one authenticated to; null before that.
  private volatile @Nullable Set<FakeAlpacaStream> account;
  private volatile @Nullable WebSocket socket;
  private volatile boolean authorized;
  private volatile boolean listening;

  /**
   * A connection that joins {@code open} while it is open, and, once authenticated, the set of
   * streams {@code accounts} returns for its key id and secret key (null: no such account).
   */
  FakeAlpacaStream(
      BiFunction<@Nullable Object, @Nullable Object, @Nullable Set<FakeAlpacaStream>> accounts,
      Set<FakeAlpacaStream> open,
      AtomicInteger opened) {
    this.accounts = accounts;
    this.open = open;
    this.opened = opened;
  }

  boolean isListening() {
    return listening;
  }

  void deliver(String message) {
    WebSocket ws = socket;
    if (listening && ws != null) {
      ws.send(ByteString.encodeUtf8(message));
    }
  }

  /**
   * Drops the connection without a close handshake, as a network failure does. A server-side {@link
   * WebSocket#cancel()} throws in OkHttp 5.5.1 (it has no call to cancel), and a close frame is not
   * enough: OkHttp does not answer it, and alpaca-java reconnects only on {@code onClosed} or
   * {@code onFailure}. {@link RealWebSocket#failWebSocket} closes the socket, so the client sees an
   * {@code EOFException}.
   */
  void drop() {
    WebSocket ws = socket;
    if (ws instanceof RealWebSocket real) {
      real.failWebSocket(new IOException("FakeAlpaca dropped the stream"), null, false);
    } else if (ws != null) {
      ws.cancel();
    }
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    socket = webSocket;
    open.add(this);
    opened.incrementAndGet();
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    handle(webSocket, text);
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    handle(webSocket, bytes.utf8());
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    gone();
    webSocket.close(1000, null);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    gone();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
    gone();
  }

  private void gone() {
    listening = false;
    open.remove(this);
    Set<FakeAlpacaStream> streams = account;
    if (streams != null) {
      streams.remove(this);
    }
  }

  private void handle(WebSocket webSocket, String text) {
    Map<String, @Nullable Object> message;
    try {
      message = FakeAlpacaJson.readObject(text);
    } catch (IOException | RuntimeException e) {
      return;
    }
    Object action = message.get("action");
    Map<?, ?> data = message.get("data") instanceof Map<?, ?> map ? map : Map.of();
    if ("authenticate".equals(action)) {
      Set<FakeAlpacaStream> streams = accounts.apply(data.get("key_id"), data.get("secret_key"));
      authorized = streams != null;
      if (streams != null) {
        account = streams;
        streams.add(this);
      } else {
        listening = false;
      }
      send(webSocket, FakeAlpacaJson.authorization(authorized, "authenticate"));
    } else if ("listen".equals(action)) {
      if (!authorized) {
        send(webSocket, FakeAlpacaJson.authorization(false, "listen"));
        return;
      }
      List<String> streams = new ArrayList<>();
      if (data.get("streams") instanceof List<?> requested && requested.contains(TRADE_UPDATES)) {
        streams.add(TRADE_UPDATES);
      }
      listening = !streams.isEmpty();
      send(webSocket, FakeAlpacaJson.listening(streams));
    }
  }

  private static void send(WebSocket webSocket, String message) {
    webSocket.send(ByteString.encodeUtf8(message));
  }
}
