package dev.prodev.shop.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Issue #14 finding 5: a time limit shorter than Chapa's HTTP timeouts gives up on calls Chapa may
 * still complete (a refund done at Chapa, answered 503 "nothing changed"), so the start-up refuses it.
 */
class ProviderTimeLimitGuardTest {

    private ApplicationContextRunner runner(Duration chapaLimit) {
        return new ApplicationContextRunner()
                .withUserConfiguration(ProviderConfiguration.class)
                .withInitializer(context ->
                        context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()))
                .withInitializer(context -> context.getEnvironment().setActiveProfiles("test"))
                .withBean(RestClient.Builder.class, RestClient::builder)
                .withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
                .withBean(BulkheadRegistry.class, BulkheadRegistry::ofDefaults)
                .withBean(
                        TimeLimiterRegistry.class,
                        () -> TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                                .timeoutDuration(chapaLimit)
                                .build()))
                .withBean(RetryRegistry.class, RetryRegistry::ofDefaults);
    }

    @Test
    void theOldThreeSecondLimitAgainstChapasFiveSecondReadTimeoutStopsTheStart() {
        runner(Duration.ofSeconds(3))
                .withPropertyValues("shop.payment.chapa.connect-timeout=2s", "shop.payment.chapa.read-timeout=5s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("resilience4j.timelimiter.instances.chapa.timeout-duration")
                            .hasMessageContaining("PT7S");
                });
    }

    @Test
    void aLimitCoveringConnectPlusReadTimeoutStarts() {
        runner(Duration.ofSeconds(7))
                .withPropertyValues("shop.payment.chapa.connect-timeout=2s", "shop.payment.chapa.read-timeout=5s")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
