package dev.prodev.shop.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call what at the URL level ({@code shop.security.*}). Everything not public needs a
 * valid Keycloak JWT; finer rules (ownership, per-method roles) sit on the controller methods.
 *
 * @param publicPaths path patterns anyone may call with any method (e.g. {@code /api/v1/users/register})
 * @param publicGetPaths path patterns anyone may read with GET/HEAD (e.g. {@code /api/v1/products/**})
 * @param rules role rules checked before the public paths and before the request body is read, so
 *     a caller without the role gets 403 (or 401 without a token), never a validation 400 that
 *     would tell them how to shape an admin request
 */
@ConfigurationProperties("shop.security")
public record ShopSecurityProperties(
        @DefaultValue List<String> publicPaths,
        @DefaultValue List<String> publicGetPaths,
        @DefaultValue List<AccessRule> rules) {

    /**
     * @param methods HTTP methods the rule covers; empty means every method
     * @param paths path patterns
     * @param roles realm roles of which the caller needs at least one
     */
    public record AccessRule(@DefaultValue List<String> methods, List<String> paths, List<String> roles) {}
}
