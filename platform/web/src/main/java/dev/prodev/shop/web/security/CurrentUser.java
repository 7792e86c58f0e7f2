package dev.prodev.shop.web.security;

import dev.prodev.shop.web.problem.ShopProblem;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller, read from the validated Keycloak JWT. Declare it as a controller method parameter
 * ({@code ResponseEntity<?> me(CurrentUser user)}) or call {@link #current()}.
 *
 * @param id the JWT {@code sub}: the customer id everywhere in the shop
 * @param email the {@code email} claim (may be null for service accounts)
 * @param username the {@code preferred_username} claim
 * @param roles realm roles ({@code realm_access.roles})
 */
public record CurrentUser(String id, String email, String username, Set<String> roles) {

    public static CurrentUser of(Jwt jwt) {
        return new CurrentUser(
                jwt.getSubject(),
                jwt.getClaimAsString("email"),
                jwt.getClaimAsString("preferred_username"),
                new LinkedHashSet<>(KeycloakRoles.realmRoles(jwt)));
    }

    /** The authenticated caller of the current request; 401 problem+json if there is none. */
    public static CurrentUser current() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        throw new ShopProblem(
                HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "A valid bearer token is required.", Map.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(KeycloakRoles.ADMIN);
    }
}
