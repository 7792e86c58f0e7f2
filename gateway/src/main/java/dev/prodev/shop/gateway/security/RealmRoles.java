package dev.prodev.shop.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Keycloak's realm roles ({@code realm_access.roles}), the same role names as platform-web's
 * {@code KeycloakRoles}. The gateway does not depend on platform-web because that library brings
 * {@code spring-boot-starter-webmvc} (Tomcat and Spring MVC), which has no place in a WebFlux
 * gateway; the gateway only needs to read the claim, so it reads it here.
 */
public final class RealmRoles {

    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";
    public static final String SRE = "sre";

    private RealmRoles() {}

    public static List<String> of(Jwt jwt) {
        if (jwt.getClaim("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
