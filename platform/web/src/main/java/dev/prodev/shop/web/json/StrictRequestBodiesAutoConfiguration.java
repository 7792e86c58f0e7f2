package dev.prodev.shop.web.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies with a field the operation does not know are refused (400 {@code unknown-field},
 * naming the field) instead of silently dropped: {@code "stock": 10} for {@code initialStock} must
 * not create a product with stock 0. Only the server's HTTP JSON converter is strict; the
 * application's {@link JsonMapper} bean, and with it every Kafka consumer, stays tolerant of
 * additive changes (ADR 0017). Responses are written exactly as before.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({JsonMapper.class, ServerHttpMessageConvertersCustomizer.class})
@ConditionalOnBean(JsonMapper.class)
public class StrictRequestBodiesAutoConfiguration {

    /** Last, so it replaces the JSON converter Boot's own customizer registered. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictJsonRequestBodies(JsonMapper jsonMapper) {
        var strict = jsonMapper
                .rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return builder -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }
}
