package dev.prodev.shop.gateway.observability;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.gateway.filter.headers.observation.ObservationClosingWebExceptionHandler;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedResponseHttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Continues the trace into the services: the proxied request gets a client span and its
 * {@code traceparent}. Spring Cloud Gateway declares the same beans, but only
 * {@code @ConditionalOnBean(ObservationRegistry)} inside its own auto-configuration, whose order
 * relative to Boot 4's relocated observation auto-configuration is not declared; declaring them
 * here makes propagation independent of that ordering (theirs back off by type).
 */
@Configuration(proxyBeanMethods = false)
public class ProxyTracingConfig {

    @Bean
    @ConditionalOnMissingBean
    ObservedRequestHttpHeadersFilter shopObservedRequestHttpHeadersFilter(ObservationRegistry registry) {
        return new ObservedRequestHttpHeadersFilter(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    ObservedResponseHttpHeadersFilter shopObservedResponseHttpHeadersFilter() {
        return new ObservedResponseHttpHeadersFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    ObservationClosingWebExceptionHandler shopObservationClosingWebExceptionHandler() {
        return new ObservationClosingWebExceptionHandler();
    }
}
