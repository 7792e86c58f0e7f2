package dev.prodev.shop.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Keycloak's realm roles ({@code realm_access.roles}). The gateway is reactive, so it cannot use
 * platform-web (servlet); this mirrors {@code KeycloakRoles} there.
 */
public final class RealmRoles {

    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";
    public static final String SRE = "sre";

    private RealmRoles() {
    }

    public static List<String> of(Jwt jwt) {
        if (jwt.getClaim("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
