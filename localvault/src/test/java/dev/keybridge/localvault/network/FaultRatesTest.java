package dev.keybridge.localvault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultRatesTest {
  @Test
  void parsesPercentagesAndFractions() {
    FaultRates rates = FaultRates.parse("503=10%,429=5%, reset=0.01,stall=0.5%");
    assertThat(rates.rate(Fault.HTTP_503)).isEqualTo(0.10);
    assertThat(rates.rate(Fault.HTTP_429)).isEqualTo(0.05);
    assertThat(rates.rate(Fault.RESET)).isEqualTo(0.01);
    assertThat(rates.rate(Fault.STALL)).isEqualTo(0.005);
    assertThat(rates.rate(Fault.HTTP_500)).isZero();
  }

  @Test
  void picksEachFaultWithItsShareOfTheUnitInterval() {
    FaultRates rates = FaultRates.parse("500=10%,503=20%");
    assertThat(rates.pick(0.05)).isEqualTo(Fault.HTTP_500);
    assertThat(rates.pick(0.25)).isEqualTo(Fault.HTTP_503);
    assertThat(rates.pick(0.31)).isNull();
    assertThat(rates.pick(0.99)).isNull();
    assertThat(FaultRates.parse("reset=100%").pick(0.999999)).isEqualTo(Fault.RESET);
  }

  @Test
  void refusesRatesOutsideZeroToHundredPercent() {
    assertThatThrownBy(() -> FaultRates.parse("503=120%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fault 503: rate '120%' is outside 0% to 100%");
    assertThatThrownBy(() -> FaultRates.parse("503=-1%"))
        .hasMessage("fault 503: rate '-1%' is outside 0% to 100%");
  }

  @Test
  void refusesUnknownFaultsMissingRatesDuplicatesAndTotalsOverHundred() {
    assertThatThrownBy(() -> FaultRates.parse("404=10%"))
        .hasMessage("unknown fault '404' (known: 500, 503, 429, reset, stall)");
    assertThatThrownBy(() -> FaultRates.parse("503"))
        .hasMessageContaining("fault '503' has no rate");
    assertThatThrownBy(() -> FaultRates.parse("503=ten%")).hasMessageContaining("is not a number");
    assertThatThrownBy(() -> FaultRates.parse("503=10%,503=5%"))
        .hasMessage("fault 503 is given twice");
    assertThatThrownBy(() -> FaultRates.parse("503=60%,429=50%"))
        .hasMessageContaining("add up to 110.0%, more than 100%");
  }

  @Test
  void latencyParsesMillisAndJitterAndRefusesNegatives() {
    assertThat(Latency.parse("20:5")).isEqualTo(new Latency(20, 5));
    assertThat(Latency.parse("7")).isEqualTo(new Latency(7, 0));
    for (int i = 0; i < 1000; i++) {
      assertThat(Latency.parse("20:5").draw()).isBetween(15L, 25L);
    }
    assertThatThrownBy(() -> Latency.parse("-3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency '-3': milliseconds must be zero or more");
    assertThatThrownBy(() -> Latency.parse("20:x")).hasMessageContaining("is not MS or MS:JITTER");
    assertThatThrownBy(() -> Latency.parse("1:2:3")).hasMessageContaining("is not MS or");
  }
}
