package dev.speedtrade.signals;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.AllocationSource;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AllocationSource} that GETs each bot's weights from a URL: a JSON object {@code
 * {symbol: weight}} or a ranked list of symbols (see the package description). Each call is bounded
 * by a timeout covering the whole exchange, body included; a non-2xx answer, a timeout, a dropped
 * connection or malformed JSON fails the bot with a reason (the executor warns {@code BOT_FAILED}),
 * and never throws. The market date is sent as the query parameter {@code date=YYYY-MM-DD}.
 * Thread-safe; share one instance.
 */
public final class HttpAllocationSource implements AllocationSource {
  private final OkHttpClient client;
  private final Function<String, @Nullable HttpUrl> urls;
  private final @Nullable Secret token;

  private HttpAllocationSource(Builder builder) {
    this.client =
        (builder.client != null ? builder.client.newBuilder() : new OkHttpClient.Builder())
            .callTimeout(builder.timeout)
            .build();
    this.urls = Objects.requireNonNull(builder.urls, "urls");
    this.token = builder.token;
  }

  /** Returns a builder; set where each bot's URL is. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Allocation allocation(String botId, LocalDate marketDate) {
    HttpUrl url = urls.apply(botId);
    if (url == null) {
      return Allocation.failed("no signal URL for bot " + botId);
    }
    Request.Builder request =
        new Request.Builder()
            .url(url.newBuilder().addQueryParameter("date", marketDate.toString()).build())
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token.reveal());
    }
    try (Response response = client.newCall(request.build()).execute()) {
      if (!response.isSuccessful()) {
        return Allocation.failed("signal service answered HTTP " + response.code());
      }
      ResponseBody body = response.body();
      return AllocationJson.read(body.source());
    } catch (InterruptedIOException e) {
      return Allocation.failed("signal service timed out");
    } catch (IOException e) {
      return Allocation.failed("signal service unreachable: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "HttpAllocationSource{token=" + (token == null ? "none" : token) + "}";
  }

  /** Builds an {@link HttpAllocationSource}. Not thread-safe. */
  public static final class Builder {
    private @Nullable OkHttpClient client;
    private @Nullable Function<String, @Nullable HttpUrl> urls;
    private @Nullable Secret token;
    private Duration timeout = Duration.ofSeconds(5);

    private Builder() {}

    /** Sets one URL per bot; a bot not in the map fails with "no signal URL". */
    public Builder urls(Map<String, String> urlsByBot) {
      Objects.requireNonNull(urlsByBot, "urlsByBot");
      Map<String, HttpUrl> parsed = new HashMap<>();
      urlsByBot.forEach((bot, url) -> parsed.put(bot, parse(url)));
      this.urls = parsed::get;
      return this;
    }

    /** Sets a URL template in which {@code {botId}} is replaced by the bot's id, URL-encoded. */
    public Builder urlTemplate(String template) {
      Objects.requireNonNull(template, "template");
      if (!template.contains("{botId}")) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "the URL template needs {botId}, got " + template);
      }
      parse(template.replace("{botId}", "bot"));
      this.urls =
          botId ->
              parse(
                  template.replace(
                      "{botId}",
                      java.net.URLEncoder.encode(botId, java.nio.charset.StandardCharsets.UTF_8)
                          .replace("+", "%20")));
      return this;
    }

    /** Sends {@code Authorization: Bearer <token>} with every call. */
    public Builder bearerToken(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Bounds each call, connect to last byte of the body (default 5 s). */
    public Builder timeout(Duration timeout) {
      if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Uses {@code client}'s connection pool and settings (its call timeout is replaced). */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Returns the source.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} when neither {@link #urls} nor
     *     {@link #urlTemplate} was called
     */
    public HttpAllocationSource build() {
      if (urls == null) {
        throw new SpeedTradeException(
            ErrorCode.MISSING_ADAPTER,
            "HttpAllocationSource needs the bots' URLs:"
                + " call HttpAllocationSource.builder().urls(...) or .urlTemplate(...)");
      }
      return new HttpAllocationSource(this);
    }

    private static HttpUrl parse(String url) {
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "not an http(s) URL: " + url);
      }
      return parsed;
    }
  }
}
