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
import org.springframework.web.client.RestClient;

/** Wires both adapters, each behind Resilience4j, and picks the active one from {@code shop.payment.provider}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PaymentProperties.class, ChapaProperties.class })
class ProviderConfiguration {

    @Bean
    SimulatedPaymentProvider simulatedPaymentProvider(
            @Value("${shop.payment.simulator.slow-delay:10s}") Duration slowDelay) {
        return new SimulatedPaymentProvider(slowDelay);
    }

    @Bean
    ChapaPaymentProvider chapaPaymentProvider(RestClient.Builder builder, ChapaProperties chapa, PaymentProperties payment) {
        if (ChapaPaymentProvider.NAME.equals(payment.provider()) && chapa.secretKey().isBlank()) {
            throw new IllegalStateException("shop.payment.provider=chapa needs CHAPA_SECRET_KEY (shop.payment.chapa.secret-key)");
        }
        return ChapaPaymentProvider.create(builder, chapa);
    }

    @Bean
    PaymentProviders paymentProviders(List<PaymentProvider> adapters, PaymentProperties properties,
            CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters,
            RetryRegistry retries) {
        var byName = new LinkedHashMap<String, ResilientPaymentProvider>();
        for (var adapter : adapters) {
            byName.put(adapter.name(),
                    new ResilientPaymentProvider(adapter, circuitBreakers, bulkheads, timeLimiters, retries));
        }
        return new PaymentProviders(byName, properties.provider());
    }
}
