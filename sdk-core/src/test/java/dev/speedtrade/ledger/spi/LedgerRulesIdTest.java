package dev.speedtrade.ledger.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerRulesIdTest {

  @Test
  void everyCharacterIsJudgedByTheIdGrammar() {
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      boolean grammar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == ':'
              || c == '.'
              || c == '_'
              || c == '-';
      String alone = String.valueOf((char) c);
      assertThat(LedgerRules.isValidId(alone)).as("U+%04X alone", c).isEqualTo(grammar);
      assertThat(LedgerRules.isValidId("ab" + alone + "yz"))
          .as("U+%04X inside", c)
          .isEqualTo(grammar);
    }
  }

  @Test
  void lengthsFromOneTo128AreValid() {
    assertThat(LedgerRules.isValidId(null)).isFalse();
    assertThat(LedgerRules.isValidId("")).isFalse();
    assertThat(LedgerRules.isValidId("a")).isTrue();
    assertThat(LedgerRules.isValidId("a".repeat(LedgerRules.MAX_ID_LENGTH))).isTrue();
    assertThat(LedgerRules.isValidId("a".repeat(LedgerRules.MAX_ID_LENGTH + 1))).isFalse();
  }

  @Test
  void currencyCodesAreThreeUpperCaseLettersThatTheJdkKnows() {
    assertThat(LedgerRules.isValidCurrency("USD")).isTrue();
    assertThat(LedgerRules.isValidCurrency("usd")).isFalse();
    assertThat(LedgerRules.isValidCurrency("US")).isFalse();
    assertThat(LedgerRules.isValidCurrency("USDX")).isFalse();
    assertThat(LedgerRules.isValidCurrency("U[D")).isFalse();
    assertThat(LedgerRules.isValidCurrency("U@D")).isFalse();
    assertThat(LedgerRules.isValidCurrency("ZZZ")).isFalse();
  }
}
