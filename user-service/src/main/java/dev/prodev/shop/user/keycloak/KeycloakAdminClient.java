package dev.prodev.shop.user.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.prodev.shop.web.problem.ProblemDetailsHandler;
import dev.prodev.shop.web.problem.ShopProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import java.net.http.HttpClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The few Keycloak Admin REST API calls user-service needs, made with Spring's {@link RestClient}
 * as the {@code shop-user-admin} service account. (The {@code keycloak-admin-client} artifact
 * brings RESTEasy and Jackson 2 wiring of its own; five plain HTTP calls do not justify it.)
 * Keycloak unreachable, timing out or failing with 5xx becomes 503 problem+json.
 */
@Component
public class KeycloakAdminClient {

    private static final Logger log = LoggerFactory.getLogger(KeycloakAdminClient.class);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewUser(String username, String email, String firstName, String lastName, boolean enabled,
            boolean emailVerified, List<Credential> credentials) {
    }

    public record Credential(String type, String value, boolean temporary) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Role(String id, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(String access_token, long expires_in) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeycloakError(String errorMessage, String error, String error_description, String field) {
        String message() {
            if (errorMessage != null) {
                return errorMessage;
            }
            return error_description != null ? error_description : error;
        }

        /**
         * Whether Keycloak refused the password by the realm's policy: its error codes are the
         * {@code invalidPassword...Message} keys ("Invalid password: must not be in the blacklist."),
         * older versions say "Password policy not met".
         */
        boolean passwordPolicy() {
            return (error != null && error.startsWith("invalidPassword"))
                    || mentionsPassword(errorMessage) || mentionsPassword(error_description);
        }

        private static boolean mentionsPassword(String text) {
            return text != null && text.toLowerCase(java.util.Locale.ROOT).contains("password");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final KeycloakAdminProperties properties;
    private final RestClient http;
    private volatile String token;
    private volatile Instant tokenExpiry = Instant.EPOCH;

    public KeycloakAdminClient(KeycloakAdminProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        var requests = new JdkClientHttpRequestFactory(
                // HTTP/1.1: no h2c upgrade attempt on every new connection to Keycloak's plain-HTTP port
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().baseUrl(properties.url()).requestFactory(requests).build();
    }

    /**
     * Creates an enabled user whose username is the email. Returns the new user's id (taken from
     * the {@code Location} header, as Keycloak documents). 409 if the email is taken, 422
     * {@code weak-password} with Keycloak's own message if the password breaks the realm's policy.
     */
    public String createUser(NewUser user) {
        var location = call(() -> http.post().uri("/admin/realms/{realm}/users", properties.realm())
                .headers(h -> h.setBearerAuth(adminToken())).contentType(MediaType.APPLICATION_JSON).body(user)
                .retrieve().toBodilessEntity().getHeaders().getLocation(), "create user");
        if (location == null) {
            throw unavailable("Keycloak created the user without telling us its id", null);
        }
        var path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public void assignRealmRole(String userId, String roleName) {
        var role = call(() -> http.get().uri("/admin/realms/{realm}/roles/{role}", properties.realm(), roleName)
                .headers(h -> h.setBearerAuth(adminToken())).retrieve().body(Role.class), "read role");
        call(() -> http.post().uri("/admin/realms/{realm}/users/{id}/role-mappings/realm", properties.realm(), userId)
                .headers(h -> h.setBearerAuth(adminToken())).contentType(MediaType.APPLICATION_JSON)
                .body(List.of(role)).retrieve().toBodilessEntity(), "assign role");
    }

    /** Deletes the user; a user already gone counts as deleted (so retries are safe). */
    public void deleteUser(String userId) {
        try {
            call(() -> http.delete().uri("/admin/realms/{realm}/users/{id}", properties.realm(), userId)
                    .headers(h -> h.setBearerAuth(adminToken())).retrieve().toBodilessEntity(), "delete user");
        }
        catch (ShopProblem ex) {
            if (ex.status() != HttpStatus.NOT_FOUND) {
                throw ex;
            }
        }
    }

    /** Disables the user: they cannot log in or refresh tokens any more. 404 if Keycloak has no such user. */
    public void disableUser(String userId) {
        call(() -> http.put().uri("/admin/realms/{realm}/users/{id}", properties.realm(), userId)
                .headers(h -> h.setBearerAuth(adminToken())).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("enabled", false)).retrieve().toBodilessEntity(), "disable user");
    }

    private String adminToken() {
        var now = Instant.now();
        if (token != null && now.isBefore(tokenExpiry)) {
            return token;
        }
        synchronized (this) {
            if (token != null && Instant.now().isBefore(tokenExpiry)) {
                return token;
            }
            var form = new LinkedMultiValueMap<String, String>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", properties.clientId());
            form.add("client_secret", properties.clientSecret());
            TokenResponse response;
            try {
                response = requestToken(form);
            }
            catch (RestClientException | JacksonException firstFailure) {
                // a pooled connection Keycloak already closed fails once; asking for a token is safe to repeat
                log.debug("service-account token request failed, retrying once: {}", firstFailure.toString());
                response = null;
            }
            if (response == null) {
                try {
                    response = requestToken(form);
                }
                catch (RestClientException | JacksonException ex) {
                    throw unavailable("cannot obtain a service-account token from Keycloak", ex);
                }
            }
            if (response == null || response.access_token() == null) {
                throw unavailable("Keycloak returned no service-account token", null);
            }
            token = response.access_token();
            // renew 30 s early so a token never expires mid-request
            tokenExpiry = Instant.now().plusSeconds(Math.max(5, response.expires_in() - 30));
            return token;
        }
    }

    private TokenResponse requestToken(LinkedMultiValueMap<String, String> form) {
        // read as text and parse ourselves: whatever Content-Type a proxy in front of Keycloak sets
        var body = http.post().uri("/realms/{realm}/protocol/openid-connect/token", properties.realm())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                .body(form).retrieve().body(String.class);
        return body == null ? null : JSON.readValue(body, TokenResponse.class);
    }

    /**
     * One Admin API call. A 401 means our cached service-account token is no longer accepted
     * (Keycloak restarted, or its keys were rotated): the call is repeated once with a fresh token,
     * so the first registration after a Keycloak restart does not fail. A 401 stops Keycloak before
     * it acts, so the repeat cannot do anything twice.
     */
    private <T> T call(java.util.function.Supplier<T> request, String what) {
        try {
            return request.get();
        }
        catch (RestClientResponseException ex) {
            if (ex.getStatusCode().value() != 401) {
                return handleError(ex, what);
            }
            log.info("Keycloak no longer accepts the service-account token ({}); fetching a new one", what);
            token = null;
        }
        catch (RestClientException ex) {
            throw failure(ex, what);
        }
        try {
            return request.get();
        }
        catch (RestClientResponseException ex) {
            return handleError(ex, what);
        }
        catch (RestClientException ex) {
            throw failure(ex, what);
        }
    }

    private ShopProblem failure(RestClientException ex, String what) {
        return ex instanceof ResourceAccessException ? unavailable("Keycloak did not answer (" + what + ")", ex)
                : unavailable("Keycloak answered " + what + " with something unreadable", ex);
    }

    private <T> T handleError(RestClientResponseException ex, String what) {
        var status = ex.getStatusCode();
        if (status.value() == 401) {
            token = null; // revoked or rotated: fetch a new one next time
        }
        if (status.is5xxServerError() || status.value() == 401 || status.value() == 403) {
            throw unavailable("Keycloak refused or failed " + what + " with " + status.value(), ex);
        }
        throw clientProblem(status, readError(ex));
    }

    private static ShopProblem clientProblem(HttpStatusCode status, KeycloakError error) {
        if (status.value() == 409) {
            return ShopProblem.conflict("An account with this email already exists.");
        }
        if (status.value() == 404) {
            return ShopProblem.notFound("user", "given");
        }
        if (status.value() == 400 && error != null && error.passwordPolicy()) {
            return weakPassword(error.message());
        }
        var message = error == null ? null : error.message();
        return ShopProblem.badRequest(message != null ? message : "Keycloak rejected the request.");
    }

    /**
     * The realm's password policy refused the password (too short, too common, equal to the
     * email...): the shopper's to fix, so 422 with the policy's own words as the field error.
     */
    static ShopProblem weakPassword(String policyMessage) {
        return new ShopProblem(HttpStatus.UNPROCESSABLE_CONTENT, "weak-password", "Password too weak",
                "The password is too weak or too common; choose a longer one that is not your email or a well-known password.",
                Map.of("errors", List.of(new ProblemDetailsHandler.FieldError("password",
                        policyMessage != null ? policyMessage : "does not meet the password policy"))));
    }

    private static KeycloakError readError(RestClientResponseException ex) {
        try {
            return ex.getResponseBodyAs(KeycloakError.class);
        }
        catch (RuntimeException unreadable) {
            return null;
        }
    }

    static ShopProblem unavailable(String why, Exception cause) {
        log.warn("identity provider unavailable: {}{}", why, cause == null ? "" : " (" + cause + ")");
        return new ShopProblem(HttpStatus.SERVICE_UNAVAILABLE, "identity-provider-unavailable",
                "Identity provider unavailable", "Accounts cannot be changed right now; try again shortly.",
                Map.of("retryAfterSeconds", 5));
    }
}
