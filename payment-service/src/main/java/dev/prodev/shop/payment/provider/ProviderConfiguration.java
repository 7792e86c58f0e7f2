package dev.prodev.shop.payment.provider;

import dev.prodev.shop.payment.provider.chapa.ChapaPaymentProvider;
import dev.prodev.shop.payment.provider.chapa.ChapaProperties;
import dev.prodev.shop.payment.provider.simulator.SimulatedPaymentProvider;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.client.RestClient;

/**
 * Wires the adapters, each behind Resilience4j, and picks the active one from {@code shop.payment.provider}.
 * The simulator authorizes almost everything and charges nobody, so it exists only under the Spring
 * profiles {@value #SIMULATOR_PROFILES_TEXT}: anywhere else choosing it stops the start-up (issue #12).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PaymentProperties.class, ChapaProperties.class})
class ProviderConfiguration {

    static final String SIMULATOR_PROFILES_TEXT = "dev or test";

    @Bean
    @Profile({"dev", "test"})
    SimulatedPaymentProvider simulatedPaymentProvider(
            @Value("${shop.payment.simulator.slow-delay:10s}") Duration slowDelay) {
        return new SimulatedPaymentProvider(slowDelay);
    }

    @Bean
    ChapaPaymentProvider chapaPaymentProvider(
            RestClient.Builder builder, ChapaProperties chapa, PaymentProperties payment) {
        if (ChapaPaymentProvider.NAME.equals(payment.provider())
                && chapa.secretKey().isBlank()) {
            throw new IllegalStateException(
                    "shop.payment.provider=chapa needs CHAPA_SECRET_KEY (shop.payment.chapa.secret-key)");
        }
        return ChapaPaymentProvider.create(builder, chapa);
    }

    @Bean
    PaymentProviders paymentProviders(
            List<PaymentProvider> adapters,
            PaymentProperties properties,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters,
            RetryRegistry retries,
            ChapaProperties chapa,
            Environment environment) {
        refuseTheSimulatorOutsideDevAndTest(properties.provider(), environment);
        refuseATimeLimitShorterThanChapasTimeouts(timeLimiters, chapa);
        var byName = new LinkedHashMap<String, ResilientPaymentProvider>();
        for (var adapter : adapters) {
            byName.put(
                    adapter.name(),
                    new ResilientPaymentProvider(adapter, circuitBreakers, bulkheads, timeLimiters, retries));
        }
        return new PaymentProviders(byName, properties.provider());
    }

    /**
     * Issue #14 finding 5: a time limit shorter than the HTTP client's own timeouts gives up on a
     * call (503, "nothing changed") that Chapa may still complete, so money moves while our record
     * says it did not. The limit of the {@code chapa} instance must cover connect plus read timeout.
     */
    static void refuseATimeLimitShorterThanChapasTimeouts(TimeLimiterRegistry timeLimiters, ChapaProperties chapa) {
        var limit = timeLimiters
                .timeLimiter(ChapaPaymentProvider.NAME)
                .getTimeLimiterConfig()
                .getTimeoutDuration();
        var client = chapa.connectTimeout().plus(chapa.readTimeout());
        if (limit.compareTo(client) < 0) {
            throw new IllegalStateException("resilience4j.timelimiter.instances.chapa.timeout-duration (" + limit
                    + ") is shorter than Chapa's connect + read timeout (shop.payment.chapa.connect-timeout + "
                    + "read-timeout = " + client + "): a call could complete at Chapa after we gave up on it");
        }
    }

    /** A clear start-up failure instead of a production that confirms every order without charging anyone. */
    static void refuseTheSimulatorOutsideDevAndTest(String provider, Environment environment) {
        if (SimulatedPaymentProvider.NAME.equals(provider)
                && !environment.acceptsProfiles(Profiles.of("dev", "test"))) {
            var active = environment.getActiveProfiles();
            throw new IllegalStateException(
                    "PAYMENT_PROVIDER=simulator (shop.payment.provider) charges nobody and "
                            + "runs only with the Spring profile " + SIMULATOR_PROFILES_TEXT + " (active profiles: "
                            + (active.length == 0 ? "none" : String.join(", ", active))
                            + "). Use PAYMENT_PROVIDER=chapa "
                            + "with CHAPA_SECRET_KEY and CHAPA_WEBHOOK_SECRET, or SPRING_PROFILES_ACTIVE=dev on a developer machine.");
        }
    }
}
