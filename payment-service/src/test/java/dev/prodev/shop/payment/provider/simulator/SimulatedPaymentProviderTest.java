package dev.prodev.shop.payment.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.payment.provider.AuthorizationRequest;
import dev.prodev.shop.payment.provider.AuthorizationResult.Authorized;
import dev.prodev.shop.payment.provider.AuthorizationResult.Declined;
import dev.prodev.shop.payment.provider.ProviderException;
import dev.prodev.shop.payment.provider.ProviderUnavailableException;
import dev.prodev.shop.payment.provider.ResilientPaymentProvider;
import dev.prodev.shop.payment.provider.simulator.SimulatedPaymentProvider.Behaviour;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedPaymentProviderTest {

    private final SimulatedPaymentProvider simulator = new SimulatedPaymentProvider(Duration.ofMillis(1500));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.13, DECLINE",
        "0.13, DECLINE",
        "2199.13, DECLINE",
        "10.42, FAIL",
        "0.42, FAIL",
        "10.99, SLOW",
        "99.99, SLOW",
        "10.00, AUTHORIZE",
        "10, AUTHORIZE",
        "13.00, AUTHORIZE",
        "42.00, AUTHORIZE",
        "99.00, AUTHORIZE",
        "10.14, AUTHORIZE",
        "10.1, AUTHORIZE",
        "2199.00, AUTHORIZE"
    })
    void choosesTheOutcomeByTheCentsOfTheAmount(String amount, Behaviour expected) {
        assertThat(Behaviour.forAmount(new BigDecimal(amount))).isEqualTo(expected);
    }

    @Test
    void authorizesAnOrdinaryAmountWithAReferenceDerivedFromOurs() {
        assertThat(simulator.authorize(request("25.50")))
                .isEqualTo(new Authorized("sim-shop-ref", request("25.50").amount()));
    }

    @Test
    void declinesAnAmountEndingIn13() {
        assertThat(simulator.authorize(request("25.13")))
                .isEqualTo(new Declined(SimulatedPaymentProvider.DECLINED_REASON));
    }

    @Test
    void failsLikeABrokenProviderForAnAmountEndingIn42() {
        assertThatThrownBy(() -> simulator.authorize(request("25.42"))).isInstanceOf(ProviderException.class);
    }

    @Test
    void answersOnlyAfterTheSlowDelayForAnAmountEndingIn99() {
        var started = System.nanoTime();
        assertThat(simulator.authorize(request("25.99"))).isInstanceOf(Authorized.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void behindTheTimeLimiterASlowOrFailingCallEndsAsProviderUnavailableWithoutWaiting() {
        var guarded = new ResilientPaymentProvider(
                simulator,
                CircuitBreakerRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults(),
                TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                        .timeoutDuration(Duration.ofMillis(200))
                        .build()),
                RetryRegistry.ofDefaults());

        var started = System.nanoTime();
        assertThatThrownBy(() -> guarded.authorize(request("25.99"))).isInstanceOf(ProviderUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1200));

        assertThatThrownBy(() -> guarded.authorize(request("25.42"))).isInstanceOf(ProviderUnavailableException.class);
        assertThat(guarded.authorize(request("25.13"))).isInstanceOf(Declined.class);
        assertThat(guarded.authorize(request("25.00"))).isInstanceOf(Authorized.class);
    }

    private static AuthorizationRequest request(String amount) {
        return new AuthorizationRequest(
                UUID.randomUUID(), UUID.randomUUID(), "alice", Money.of(amount, "ETB"), "shop-ref");
    }
}
