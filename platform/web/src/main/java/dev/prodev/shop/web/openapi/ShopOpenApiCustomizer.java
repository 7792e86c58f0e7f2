package dev.prodev.shop.web.openapi;

import dev.prodev.shop.web.security.ShopSecurityProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.util.AntPathMatcher;

/**
 * Makes a service's generated document say what the service really does at the gateway: the
 * gateway as the one server, Keycloak's OAuth2 flows on every operation that is not public
 * ({@code shop.security.public-paths}/{@code public-get-paths}), and every error as
 * {@code application/problem+json} (the shape of docs/errors.md) with the rate-limit headers the
 * gateway adds. Statuses every operation can get from the platform (400, 401/403 when protected,
 * 404 under a path id, 413/415 with a body, 429, 503) are added where the controller did not list
 * them; a controller's own description of a status wins, but its body is always the problem.
 */
public class ShopOpenApiCustomizer implements OpenApiCustomizer {

    public static final String SECURITY_SCHEME = "keycloak";

    public static final String PROBLEM_JSON = "application/problem+json";

    static final String PROBLEM = "Problem";

    static final String RETRY_AFTER = "Retry-After";

    static final String REMAINING = "X-RateLimit-Remaining";

    static final String LIMIT = "X-RateLimit-Limit";

    private static final Map<String, String> STANDARD = new LinkedHashMap<>();

    static {
        STANDARD.put("400", "The request is malformed or has invalid fields (see `errors`).");
        STANDARD.put("401", "No valid access token.");
        STANDARD.put("403", "The token lacks the role this operation needs.");
        STANDARD.put("404", "No such resource, or not yours.");
        STANDARD.put("409", "The request conflicts with the resource's current state.");
        STANDARD.put("413", "The request body is too large.");
        STANDARD.put("415", "The request body is not `application/json`.");
        STANDARD.put("422", "The request is well-formed but cannot be carried out.");
        STANDARD.put("429", "Too many requests from this client; retry after `Retry-After` seconds.");
        STANDARD.put("503", "A service this operation needs is unavailable; retry later.");
    }

    private final ShopOpenApiProperties properties;

    private final ShopSecurityProperties security;

    private final AntPathMatcher paths = new AntPathMatcher();

    public ShopOpenApiCustomizer(ShopOpenApiProperties properties, ShopSecurityProperties security) {
        this.properties = properties;
        this.security = security;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info()
                .title(properties.title())
                .version(properties.version())
                .description(properties.description()));
        openApi.servers(List.of(new Server().url(properties.serverUrl()).description("the gateway")));
        var components = openApi.getComponents();
        if (components == null) {
            components = new io.swagger.v3.oas.models.Components();
            openApi.components(components);
        }
        components.addSecuritySchemes(SECURITY_SCHEME, securityScheme());
        components.addSchemas("FieldError", fieldError());
        components.addSchemas(PROBLEM, problem());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, operation) -> customise(path, method, operation)));
    }

    private void customise(String path, PathItem.HttpMethod method, Operation operation) {
        var responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.responses(responses);
        }
        var protectedOperation = !isPublic(path, method);
        if (protectedOperation) {
            operation.security(List.of(new SecurityRequirement().addList(SECURITY_SCHEME)));
        } else {
            operation.security(List.of());
        }
        var statuses = new java.util.ArrayList<>(List.of("400", "429", "503"));
        if (protectedOperation) {
            statuses.addAll(List.of("401", "403"));
        }
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (operation.getRequestBody() != null) {
            statuses.addAll(List.of("413", "415"));
        }
        for (var status : statuses) {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().description(STANDARD.get(status)));
            }
        }
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.content(
                        new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM))));
                if (response.getDescription() == null
                        || response.getDescription().isBlank()) {
                    response.description(STANDARD.getOrDefault(status, "The request failed."));
                }
            }
            if (response.get$ref() == null) {
                response.addHeaderObject(
                        LIMIT, rateLimitHeader("The size of this client's request bucket (its burst capacity)."));
                response.addHeaderObject(REMAINING, rateLimitHeader("Requests left in this client's bucket."));
            }
            if (status.equals("429") || status.equals("503")) {
                response.addHeaderObject(
                        RETRY_AFTER,
                        new Header()
                                .description("Seconds to wait before retrying.")
                                .schema(integer(0, 86_400)));
            }
        });
    }

    private boolean isPublic(String path, PathItem.HttpMethod method) {
        var template = path.replaceAll("\\{[^}]+}", "x");
        if (security.publicPaths().stream().anyMatch(pattern -> paths.match(pattern, template))) {
            return true;
        }
        return (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD)
                && security.publicGetPaths().stream().anyMatch(pattern -> paths.match(pattern, template));
    }

    private SecurityScheme securityScheme() {
        var realm = properties.authIssuerUri() + "/protocol/openid-connect";
        var scopes = new Scopes().addString("openid", "Sign in with the shop's Keycloak realm.");
        return new SecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("Keycloak access tokens (JWT, audience shop-api). People sign in with the"
                        + " authorization code flow and PKCE (S256); machines use client credentials."
                        + " Roles come from the token's realm roles.")
                .flows(new OAuthFlows()
                        .authorizationCode(new OAuthFlow()
                                .authorizationUrl(realm + "/auth")
                                .tokenUrl(realm + "/token")
                                .refreshUrl(realm + "/token")
                                .scopes(scopes))
                        .clientCredentials(
                                new OAuthFlow().tokenUrl(realm + "/token").scopes(new Scopes())));
    }

    private static Header rateLimitHeader(String description) {
        return new Header().description(description).schema(integer(0, 100_000));
    }

    private static Schema<?> integer(int minimum, int maximum) {
        return new Schema<>()
                .type("integer")
                .types(Set.of("integer"))
                .format("int32")
                .minimum(BigDecimal.valueOf(minimum))
                .maximum(BigDecimal.valueOf(maximum));
    }

    private static Schema<?> string(int maxLength) {
        return new Schema<>().type("string").types(Set.of("string")).maxLength(maxLength);
    }

    private static Schema<?> fieldError() {
        return new Schema<>()
                .type("object")
                .types(Set.of("object"))
                .description("One invalid field of the request.")
                .addProperty("field", string(200).description("The field's name, e.g. `lines` or `page`."))
                .addProperty("message", string(500).description("What is wrong with it."))
                .required(List.of("field", "message"))
                .additionalProperties(false);
    }

    /** RFC 9457 problem details, as ProblemDetailsHandler and the gateway write them (docs/errors.md). */
    private static Schema<?> problem() {
        return new Schema<>()
                .type("object")
                .types(Set.of("object"))
                .description("RFC 9457 problem details. `type` is one of the catalogue in docs/errors.md.")
                .addProperty(
                        "type",
                        string(200)
                                .format("uri")
                                .description("Identifies the problem, e.g. https://prodev.shop/problems/validation."))
                .addProperty("title", string(200).description("The problem type's fixed title."))
                .addProperty("status", integer(100, 599).description("The HTTP status."))
                .addProperty("detail", string(2000).description("What went wrong with this request."))
                .addProperty("instance", string(2000).format("uri-reference").description("The request path."))
                .addProperty(
                        "errors",
                        new Schema<>()
                                .type("array")
                                .types(Set.of("array"))
                                .maxItems(1000)
                                .items(new Schema<>().$ref("FieldError"))
                                .description("The invalid fields, on `validation` and `unknown-field` problems."))
                .required(List.of("type", "title", "status"));
    }
}
