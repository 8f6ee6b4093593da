package dev.speedtrade.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of the demo's provider stand-ins ({@link StripeStandIn}, {@link SumsubStandIn}):
 * the JDK's HTTP server bound to the loopback address on a free port, every request handed whole to
 * one function and its JSON answer written back. Requests are answered one at a time, on the
 * server's own thread, in the order they arrive. Nothing listens beyond 127.0.0.1.
 */
final class StandInServer implements AutoCloseable {
  /** A request as it arrived: the path and query exactly as sent (still encoded). */
  record Request(
      String method,
      String rawPath,
      @Nullable String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {

    /** The one value of header {@code name} (any case), or null when absent or repeated. */
    @Nullable String header(String name) {
      List<String> values = null;
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
          values = header.getValue();
        }
      }
      return values == null || values.size() != 1 ? null : values.get(0);
    }

    /** The path with its query, as the request line carried them. */
    String pathAndQuery() {
      return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An answer: an HTTP status and a JSON body. */
  record Answer(int status, String json) {}

  /** What a stand-in does with a request. */
  @FunctionalInterface
  interface Handler {
    Answer answer(Request request);
  }

  private final HttpServer server;

  private StandInServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server on 127.0.0.1 and a free port, answering every path with {@code handler}. */
  static StandInServer start(String name, Handler handler) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's " + name + " stand-in could not listen", e);
    }
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
    return new StandInServer(server);
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  URI baseUrl() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      URI uri = exchange.getRequestURI();
      Answer answer;
      try {
        answer =
            handler.answer(
                new Request(
                    exchange.getRequestMethod(),
                    Objects.requireNonNullElse(uri.getRawPath(), "/"),
                    uri.getRawQuery(),
                    exchange.getRequestHeaders(),
                    body));
      } catch (RuntimeException e) {
        // a stand-in's own bug: answered as the provider answers an outage, never hidden
        answer = new Answer(500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
      }
      byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), json.length == 0 ? -1 : json.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(json);
      }
    }
  }
}
