package dev.prodev.shop.gateway.resilience;

import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per route (named after the service, see application.yml), all built from
 * {@code shop.gateway.resilience}: a time limit on the whole proxied call (retries included), and
 * a count-based breaker that stops sending traffic to a failing service and probes it again
 * after {@code wait-in-open-state}.
 * <p>
 * Spring Cloud CircuitBreaker also puts a Resilience4j bulkhead in front of every route, with
 * Resilience4j's defaults: 25 concurrent calls and no waiting. That refused the 26th concurrent
 * request to a healthy service with a 503 (in the benchmark most of them at 32 connections), so
 * the bulkhead is sized here ({@code max-concurrent-calls}, 256 per route and replica).
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfig {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> perRouteCircuitBreakers(ShopGatewayProperties properties) {
        var resilience = properties.resilience();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(resilience.timeout())
                        .cancelRunningFuture(true)
                        .build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(resilience.slidingWindowSize())
                        .minimumNumberOfCalls(resilience.minimumNumberOfCalls())
                        .failureRateThreshold(resilience.failureRateThreshold())
                        .waitDurationInOpenState(resilience.waitInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(2)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .build())
                .build());
    }

    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> perRouteBulkheads(ShopGatewayProperties properties) {
        var limit = properties.resilience().maxConcurrentCalls();
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom()
                        .maxConcurrentCalls(limit)
                        .maxWaitDuration(Duration.ZERO)
                        .build())
                .threadPoolBulkheadConfig(ThreadPoolBulkheadConfig.ofDefaults())
                .build());
    }
}
