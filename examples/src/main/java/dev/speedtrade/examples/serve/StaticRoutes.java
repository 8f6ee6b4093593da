package dev.speedtrade.examples.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files ({@code index.html}, {@code app.js}, {@code style.css}) from the
 * classpath, without authentication: {@code GET /dashboard/} and {@code /dashboard/{file}}. Only
 * the files named in {@link #FILES} are served, so no path reaches another resource; any other name
 * is 404. {@code GET /} answers the page too (a {@link Reply} has no headers for a redirect), whose
 * links are absolute ({@code /dashboard/app.js}) so that it works from either address.
 */
final class StaticRoutes {
  /** The files served, by name, with their content types. */
  static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "style.css", "text/css; charset=utf-8");

  private static final String ROOT = "/dev/speedtrade/examples/serve/dashboard/";

  private final Map<String, Reply.Binary> files;

  /**
   * Reads the files once.
   *
   * @throws IllegalStateException when one is missing from the classpath (a broken build)
   */
  StaticRoutes() {
    Map<String, Reply.Binary> read = new HashMap<>();
    FILES.forEach((name, type) -> read.put(name, new Reply.Binary(type, read(name))));
    this.files = Map.copyOf(read);
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/", Route.Access.PUBLIC, call -> Reply.redirect("/dashboard/")),
        // also /dashboard/: a trailing slash adds no segment
        Route.of("GET", "/dashboard", Route.Access.PUBLIC, call -> file("index.html")),
        Route.of(
            "GET", "/dashboard/{file}", Route.Access.PUBLIC, call -> file(call.param("file"))));
  }

  private Reply file(String name) {
    Reply.Binary file = files.get(name);
    if (file == null) {
      throw ApiError.notFound("NOT_FOUND", "no dashboard file " + name);
    }
    return new Reply(200, file);
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticRoutes.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's " + name + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the dashboard's " + name + " could not be read", e);
    }
  }
}
