package dev.prodev.shop.user.keycloak;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How user-service reaches Keycloak's Admin REST API ({@code shop.keycloak.*}): as the
 * {@code shop-user-admin} service account (client credentials), secret from the environment only.
 *
 * @param url Keycloak base URL ({@code KEYCLOAK_URL})
 * @param realm the realm users live in
 * @param clientId the service-account client
 * @param clientSecret its secret ({@code KEYCLOAK_ADMIN_CLIENT_SECRET}); no default
 * @param connectTimeout connection timeout to Keycloak
 * @param readTimeout response timeout; beyond it Keycloak counts as unavailable (503)
 */
@ConfigurationProperties("shop.keycloak")
public record KeycloakAdminProperties(
        @DefaultValue("http://localhost:8180") String url,
        @DefaultValue("shop") String realm,
        @DefaultValue("shop-user-admin") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {}
