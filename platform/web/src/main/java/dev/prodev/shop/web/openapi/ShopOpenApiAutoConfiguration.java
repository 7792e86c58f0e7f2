package dev.prodev.shop.web.openapi;

import dev.prodev.shop.web.security.CurrentUser;
import dev.prodev.shop.web.security.ShopSecurityProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * The parts of every service's OpenAPI document that are the same everywhere: title and server,
 * the Keycloak OAuth2 scheme on every protected operation, problem+json error responses and no
 * framework types posing as parameters.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
@EnableConfigurationProperties({ShopOpenApiProperties.class, ShopSecurityProperties.class})
public class ShopOpenApiAutoConfiguration {

    static {
        // resolved by CurrentUserArgumentResolver from the token, and read by the webhook from the
        // raw request: neither is something a client sends as a query parameter or a header
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class, HttpHeaders.class);
    }

    @Bean
    ShopOpenApiCustomizer shopOpenApiCustomizer(ShopOpenApiProperties properties, ShopSecurityProperties security) {
        return new ShopOpenApiCustomizer(properties, security);
    }

    @Bean
    NullablePropertyCustomizer nullablePropertyCustomizer() {
        return new NullablePropertyCustomizer();
    }
}
