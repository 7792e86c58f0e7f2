package dev.prodev.shop.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service serves without a token ({@code shop.security.*}). Everything else needs a
 * valid Keycloak JWT; role rules for admin operations sit on the controller methods.
 *
 * @param publicPaths path patterns anyone may call with any method (e.g. {@code /api/v1/users/register})
 * @param publicGetPaths path patterns anyone may read with GET/HEAD (e.g. {@code /api/v1/products/**})
 */
@ConfigurationProperties("shop.security")
public record ShopSecurityProperties(@DefaultValue List<String> publicPaths, @DefaultValue List<String> publicGetPaths) {
}
