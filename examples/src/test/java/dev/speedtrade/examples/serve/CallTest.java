package dev.speedtrade.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTest {
  private static Call withQuery(String raw) {
    return new Call(null, Map.of(), Call.parseQuery(raw), Map.of(), new byte[0]);
  }

  @Test
  void decodesQueryParametersInOrder() {
    Map<String, List<String>> query = Call.parseQuery("mode=live&dryRun=true&name=a%20b+c&flag");
    assertThat(query)
        .containsExactly(
            Map.entry("mode", List.of("live")),
            Map.entry("dryRun", List.of("true")),
            Map.entry("name", List.of("a b c")),
            Map.entry("flag", List.of("")));
  }

  @Test
  void anAbsentOrEmptyQueryHasNoParameters() {
    assertThat(Call.parseQuery(null)).isEmpty();
    assertThat(Call.parseQuery("")).isEmpty();
    assertThat(withQuery("&&").query("mode")).isEmpty();
  }

  @Test
  void aRepeatedParameterIsRefusedWhenReadAsOne() {
    Call call = withQuery("mode=paper&mode=live");
    assertThatThrownBy(() -> call.query("mode"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_QUERY");
              assertThat(e.getMessage()).contains("'mode'");
            });
  }

  @Test
  void aMalformedEscapeIsABadRequest() {
    assertThatThrownBy(() -> Call.parseQuery("mode=%zz"))
        .isInstanceOfSatisfying(
            ApiError.class, e -> assertThat(e.code()).isEqualTo("INVALID_QUERY"));
  }
}
