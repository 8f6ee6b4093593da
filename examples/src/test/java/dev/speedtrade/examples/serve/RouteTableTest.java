package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.examples.serve.ServeFixture.Answer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Walks every route the service serves, so that a route added later cannot forget its guard: each
 * but the public ones answers 401 without credentials, and each admin route 403 to a client.
 */
class RouteTableTest {
  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static String path(Route route) {
    return route.pattern().replaceAll("\\{[^}]+}", "x-1");
  }

  private Answer call(Route route, String token) {
    String body = route.method().equals("GET") ? null : "{}";
    return f.call(route.method(), path(route), token, body);
  }

  @Test
  void everyRouteButThePublicOnesAsksForCredentials() {
    List<String> unguarded = new ArrayList<>();
    int checked = 0;
    for (Route route : f.service.routes()) {
      if (route.access() == Route.Access.PUBLIC) {
        continue;
      }
      checked++;
      Answer answer = call(route, null);
      if (answer.status() != 401 || !answer.body().contains("\"UNAUTHENTICATED\"")) {
        unguarded.add(route.method() + " " + route.pattern() + " -> " + answer.status());
      }
      Answer bad = call(route, ALICE_TOKEN + "-forged");
      if (bad.status() != 401) {
        unguarded.add(route.method() + " " + route.pattern() + " (bad token) -> " + bad.status());
      }
    }
    assertThat(unguarded).isEmpty();
    assertThat(checked).as("guarded routes walked").isGreaterThanOrEqualTo(30);
  }

  @Test
  void everyAdminRouteRefusesAClient() {
    List<String> open = new ArrayList<>();
    for (Route route : f.service.routes()) {
      if (route.access() == Route.Access.ADMIN) {
        Answer answer = call(route, ALICE_TOKEN);
        if (answer.status() != 403 || !answer.body().contains("\"FORBIDDEN\"")) {
          open.add(route.method() + " " + route.pattern() + " -> " + answer.status());
        }
      }
    }
    assertThat(open).isEmpty();
  }

  @Test
  void onlyHealthTheWebhooksAndTheDashboardsFilesArePublic() {
    Set<String> publicRoutes = new HashSet<>();
    for (Route route : f.service.routes()) {
      if (route.access() == Route.Access.PUBLIC) {
        publicRoutes.add(route.method() + " " + route.pattern());
      }
    }
    assertThat(publicRoutes)
        .containsExactlyInAnyOrder(
            "GET /health",
            "POST /v1/stripe/webhook",
            "POST /v1/kyc/webhook",
            "GET /",
            "GET /dashboard",
            "GET /dashboard/{file}");
  }

  @Test
  void noTwoRoutesShareAMethodAndPattern() {
    Set<String> seen = new HashSet<>();
    for (Route route : f.service.routes()) {
      assertThat(seen.add(route.method() + " " + route.pattern()))
          .as(route.method() + " " + route.pattern())
          .isTrue();
    }
  }
}
