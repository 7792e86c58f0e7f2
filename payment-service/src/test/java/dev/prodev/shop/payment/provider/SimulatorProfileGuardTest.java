package dev.prodev.shop.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.payment.provider.simulator.SimulatedPaymentProvider;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

/** Issue #12 finding 2: the simulator confirms orders without charging anyone, so it runs in dev and tests only. */
class SimulatorProfileGuardTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ProviderConfiguration.class)
            // as SpringApplication does: "10s" for the simulator's @Value Duration
            .withInitializer(context ->
                    context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()))
            .withBean(RestClient.Builder.class, RestClient::builder)
            .withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
            .withBean(BulkheadRegistry.class, BulkheadRegistry::ofDefaults)
            // as application.yml: the chapa limit covers Chapa's connect + read timeout (ProviderTimeLimitGuardTest)
            .withBean(
                    TimeLimiterRegistry.class,
                    () -> TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                            .timeoutDuration(Duration.ofSeconds(8))
                            .build()))
            .withBean(RetryRegistry.class, RetryRegistry::ofDefaults);

    @Test
    void theSimulatorWithoutADevOrTestProfileStopsTheStartNamingTheProfilesAndTheSetting() {
        runner.withPropertyValues("shop.payment.provider=simulator").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("PAYMENT_PROVIDER=simulator")
                    .hasMessageContaining("dev or test")
                    .hasMessageContaining("active profiles: none");
        });
    }

    @Test
    void theSimulatorIsTheDefaultSoAnUnconfiguredProductionDoesNotStartEither() {
        runner.withInitializer(context -> context.getEnvironment().setActiveProfiles("prod"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("PAYMENT_PROVIDER=simulator")
                            .hasMessageContaining("active profiles: prod");
                });
    }

    @Test
    void theSimulatorStartsUnderTheDevProfile() {
        runner.withPropertyValues("shop.payment.provider=simulator")
                .withInitializer(context -> context.getEnvironment().setActiveProfiles("dev"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PaymentProviders.class).active().name())
                            .isEqualTo(SimulatedPaymentProvider.NAME);
                });
    }

    @Test
    void theSimulatorStartsUnderTheTestProfile() {
        runner.withInitializer(context -> context.getEnvironment().setActiveProfiles("test"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SimulatedPaymentProvider.class));
    }

    @Test
    void chapaStartsWithoutAnyProfileAndNoSimulatorExistsBesideIt() {
        runner.withPropertyValues("shop.payment.provider=chapa", "shop.payment.chapa.secret-key=CHASECK-test")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SimulatedPaymentProvider.class);
                    assertThat(context.getBean(PaymentProviders.class).active().name())
                            .isEqualTo("chapa");
                    assertThat(context.getBean(PaymentProviders.class).byName(SimulatedPaymentProvider.NAME))
                            .isEmpty();
                });
    }
}
