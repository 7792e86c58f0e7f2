package dev.prodev.shop.user.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.prodev.shop.web.problem.ProblemDetailsHandler;
import dev.prodev.shop.web.problem.ShopProblem;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The few Keycloak Admin REST API calls user-service needs, made with Spring's {@link RestClient}
 * as the {@code shop-user-admin} service account. (The {@code keycloak-admin-client} artifact
 * brings RESTEasy and Jackson 2 wiring of its own; five plain HTTP calls do not justify it.)
 * Keycloak unreachable, timing out or failing with 5xx becomes 503 problem+json.
 *
 * <p>The service-account token is Spring Security's OAuth2 client's business: an
 * {@link OAuth2ClientHttpRequestInterceptor} on this client's {@link RestClient} asks an
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} (client credentials, works outside a
 * web request too, e.g. in the erasure sweep) for the token, which it caches and renews a minute
 * before expiry. The registration is built from {@code shop.keycloak.*} and kept private to this
 * client, so it neither needs {@code spring.security.oauth2.client.*} properties nor changes the
 * service's own (resource-server) security.
 */
@Component
public class KeycloakAdminClient {

    private static final Logger log = LoggerFactory.getLogger(KeycloakAdminClient.class);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewUser(
            String username,
            String email,
            String firstName,
            String lastName,
            boolean enabled,
            boolean emailVerified,
            List<Credential> credentials) {}

    public record Credential(String type, String value, boolean temporary) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Role(String id, String name) {}

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
                    || mentionsPassword(errorMessage)
                    || mentionsPassword(error_description);
        }

        private static boolean mentionsPassword(String text) {
            return text != null && text.toLowerCase(Locale.ROOT).contains("password");
        }
    }

    /** The one registration of this client: Keycloak's token endpoint of the realm, client credentials. */
    static final String REGISTRATION_ID = "keycloak-admin";

    private final KeycloakAdminProperties properties;
    private final RestClient http;
    private final OAuth2AuthorizedClientService authorizedClients;
    /** Whom the token is cached for: always the service account, never the shopper whose request we serve. */
    private final Authentication serviceAccount;

    public KeycloakAdminClient(KeycloakAdminProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        var requests = new JdkClientHttpRequestFactory(
                // HTTP/1.1: no h2c upgrade attempt on every new connection to Keycloak's plain-HTTP port
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(properties.connectTimeout())
                        .build());
        requests.setReadTimeout(properties.readTimeout());

        var registrations =
                new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION_ID)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        // client_id and client_secret in the form, as Keycloak's service-account docs show
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .clientId(properties.clientId())
                        .clientSecret(properties.clientSecret())
                        .tokenUri(properties.url() + "/realms/" + properties.realm() + "/protocol/openid-connect/token")
                        .build());
        this.authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);
        this.serviceAccount = UsernamePasswordAuthenticationToken.unauthenticated(properties.clientId(), null);

        var tokens = new RestClientClientCredentialsTokenResponseClient();
        // the token request joins the trace and has the same timeouts as the Admin API calls
        tokens.setRestClient(builder.clone()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(credentials -> credentials.accessTokenResponseClient(retriedOnce(tokens)))
                .build());

        var interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        interceptor.setPrincipalResolver(request -> serviceAccount);
        // a 401 from the Admin API (invalid_token) drops the cached token: the next request fetches a new one
        interceptor.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        this.http = builder.clone()
                .baseUrl(properties.url())
                .requestFactory(requests)
                .requestInterceptor(interceptor)
                .build();
    }

    /**
     * Asks for a token once more when the first request fails: a pooled connection Keycloak already
     * closed fails once, and asking for a token is safe to repeat.
     */
    private static OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> retriedOnce(
            OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokens) {
        return request -> {
            try {
                return tokens.getTokenResponse(request);
            } catch (OAuth2AuthorizationException firstFailure) {
                log.debug("service-account token request failed, retrying once: {}", firstFailure.toString());
                return tokens.getTokenResponse(request);
            }
        };
    }

    /**
     * Creates an enabled user whose username is the email. Returns the new user's id (taken from
     * the {@code Location} header, as Keycloak documents). 409 if the email is taken, 422
     * {@code weak-password} with Keycloak's own message if the password breaks the realm's policy.
     */
    public String createUser(NewUser user) {
        var location = call(
                () -> http.post()
                        .uri("/admin/realms/{realm}/users", properties.realm())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(user)
                        .retrieve()
                        .toBodilessEntity()
                        .getHeaders()
                        .getLocation(),
                "create user");
        if (location == null) {
            throw unavailable("Keycloak created the user without telling us its id", null);
        }
        var path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public void assignRealmRole(String userId, String roleName) {
        var role = call(
                () -> http.get()
                        .uri("/admin/realms/{realm}/roles/{role}", properties.realm(), roleName)
                        .retrieve()
                        .body(Role.class),
                "read role");
        call(
                () -> http.post()
                        .uri("/admin/realms/{realm}/users/{id}/role-mappings/realm", properties.realm(), userId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(List.of(role))
                        .retrieve()
                        .toBodilessEntity(),
                "assign role");
    }

    /** Deletes the user; a user already gone counts as deleted (so retries are safe). */
    public void deleteUser(String userId) {
        try {
            call(
                    () -> http.delete()
                            .uri("/admin/realms/{realm}/users/{id}", properties.realm(), userId)
                            .retrieve()
                            .toBodilessEntity(),
                    "delete user");
        } catch (ShopProblem ex) {
            if (ex.status() != HttpStatus.NOT_FOUND) {
                throw ex;
            }
        }
    }

    /** Disables the user: they cannot log in or refresh tokens any more. 404 if Keycloak has no such user. */
    public void disableUser(String userId) {
        call(
                () -> http.put()
                        .uri("/admin/realms/{realm}/users/{id}", properties.realm(), userId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("enabled", false))
                        .retrieve()
                        .toBodilessEntity(),
                "disable user");
    }

    /**
     * One Admin API call. A 401 means our cached service-account token is no longer accepted
     * (Keycloak restarted, or its keys were rotated): it is dropped (the interceptor's failure handler
     * does so too) and the call is repeated once with a fresh token; the first registration after a Keycloak restart
     * does not fail. A 401 stops Keycloak before it acts, so the repeat cannot do anything twice.
     */
    private <T> T call(Supplier<T> request, String what) {
        try {
            return request.get();
        } catch (RestClientResponseException ex) {
            if (ex.getStatusCode().value() != 401) {
                return handleError(ex, what);
            }
            log.info("Keycloak no longer accepts the service-account token ({}); fetching a new one", what);
            forgetToken();
        } catch (RestClientException | OAuth2AuthorizationException ex) {
            throw failure(ex, what);
        }
        try {
            return request.get();
        } catch (RestClientResponseException ex) {
            return handleError(ex, what);
        } catch (RestClientException | OAuth2AuthorizationException ex) {
            throw failure(ex, what);
        }
    }

    /** Whoever made the service-account token go stale: forget it, the next call asks for a new one. */
    private void forgetToken() {
        authorizedClients.removeAuthorizedClient(REGISTRATION_ID, serviceAccount.getName());
    }

    private static ShopProblem failure(RuntimeException ex, String what) {
        if (ex instanceof OAuth2AuthorizationException) {
            // no token: Keycloak's token endpoint refused the client, did not answer, or answered nonsense
            return unavailable("cannot obtain a service-account token from Keycloak (" + what + ")", ex);
        }
        return ex instanceof ResourceAccessException
                ? unavailable("Keycloak did not answer (" + what + ")", ex)
                : unavailable("Keycloak answered " + what + " with something unreadable", ex);
    }

    private <T> T handleError(RestClientResponseException ex, String what) {
        var status = ex.getStatusCode();
        if (status.value() == 401) {
            forgetToken(); // refused again right after renewal: do not keep it for the next call either
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
        return new ShopProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "weak-password",
                "Password too weak",
                "The password is too weak or too common; choose a longer one that is not your email or a well-known password.",
                Map.of(
                        "errors",
                        List.of(new ProblemDetailsHandler.FieldError(
                                "password",
                                policyMessage != null ? policyMessage : "does not meet the password policy"))));
    }

    private static KeycloakError readError(RestClientResponseException ex) {
        try {
            return ex.getResponseBodyAs(KeycloakError.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    static ShopProblem unavailable(String why, Exception cause) {
        log.warn("identity provider unavailable: {}{}", why, cause == null ? "" : " (" + cause + ")");
        return new ShopProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "identity-provider-unavailable",
                "Identity provider unavailable",
                "Accounts cannot be changed right now; try again shortly.",
                Map.of("retryAfterSeconds", 5));
    }
}
