package dev.speedtrade.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticRoutesTest {
  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/dashboard/, text/html; charset=utf-8, <title>SpeedTrade dashboard</title>",
    "/dashboard, text/html; charset=utf-8, <title>SpeedTrade dashboard</title>",
    "/dashboard/index.html, text/html; charset=utf-8, <title>SpeedTrade dashboard</title>",
    "/dashboard/app.js, text/javascript; charset=utf-8, '/v1/dashboard'",
    "/dashboard/style.css, text/css; charset=utf-8, .bar-target"
  })
  void servesTheDashboardsFilesWithoutCredentials(String path, String type, String content)
      throws Exception {
    try (Response response = get(path)) {
      assertThat(response.code()).isEqualTo(200);
      // the JDK's server keeps the space after ';', Jetty drops it
      assertThat(response.header("Content-Type").replace(" ", "")).isEqualTo(type.replace(" ", ""));
      assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.body().string()).contains(content);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/dashboard/missing.js",
        "/dashboard/..%2Fserve%2FHostService.class",
        "/dashboard/%2e%2e%2fsimplelogger.properties",
        "/dashboard/../simplelogger.properties",
        "/dashboard/APP.JS",
        "/dashboard/app.js/x",
        "/dashboard/.%2Fapp.js"
      })
  void answersAnythingButItsOwnFilesAs404(String path) throws Exception {
    try (Response response = get(path)) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.body().string()).contains("\"code\":\"NOT_FOUND\"").doesNotContain("<");
    }
  }

  @Test
  void theRootRedirectsToTheDashboard() throws Exception {
    okhttp3.OkHttpClient noFollow = f.http.newBuilder().followRedirects(false).build();
    try (Response response =
        noFollow.newCall(new Request.Builder().url(f.url("/")).build()).execute()) {
      assertThat(response.code()).isEqualTo(302);
      assertThat(response.header("Location")).isEqualTo("/dashboard/");
    }
    try (Response followed = get("/")) {
      assertThat(followed.request().url().encodedPath()).isEqualTo("/dashboard/");
      assertThat(followed.body().string()).contains("<title>SpeedTrade dashboard</title>");
    }
  }

  @Test
  void neverWritesServerDataAsHtml() throws Exception {
    try (Response response = get("/dashboard/app.js")) {
      assertThat(response.body().string()).doesNotContain("innerHTML", "outerHTML", "eval(");
    }
  }

  private Response get(String path) throws Exception {
    // the path as given: OkHttp would resolve the dot segments of a parsed URL
    Request request =
        new Request.Builder().url(f.url("/")).build().newBuilder().url(f.url(path)).build();
    return f.http.newCall(request).execute();
  }
}
