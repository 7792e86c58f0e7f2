package dev.prodev.shop.gateway.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The gateway's own document (its admin API, all behind role admin): the same server, Keycloak
 * scheme name and problem+json errors as the services' documents (platform-web's
 * ShopOpenApiCustomizer, which the reactive gateway cannot use), so the aggregated document reads
 * as one. The security scheme and the {@code Problem} schema themselves come from the services'
 * documents; a gateway-only copy would be identical.
 */
@Component
class GatewayOpenApiCustomizer implements OpenApiCustomizer {

    private static final Map<String, String> ERRORS = Map.of(
            "400", "The request is malformed or has invalid fields (see `errors`).",
            "401", "No valid access token.",
            "403", "The token lacks the admin role.",
            "429", "Too many requests from this client; retry after `Retry-After` seconds.",
            "503", "The blocklist store is unavailable; retry later.");

    private final ApiDocsProperties properties;

    GatewayOpenApiCustomizer(ApiDocsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info()
                .title("ProDev Shop gateway API")
                .version(properties.version())
                .description("The gateway's own operations: the IP blocklist."));
        openApi.servers(List.of(new Server().url(properties.serverUrl()).description("the gateway")));
        if (openApi.getComponents() == null) {
            openApi.components(new Components());
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> {
                    operation.security(List.of(new SecurityRequirement().addList("keycloak")));
                    ERRORS.forEach((status, description) -> {
                        if (!operation.getResponses().containsKey(status)) {
                            operation.getResponses().addApiResponse(status, new ApiResponse().description(description));
                        }
                    });
                    if (path.contains("{") && !operation.getResponses().containsKey("404")) {
                        operation.getResponses().addApiResponse("404", new ApiResponse().description("No such entry."));
                    }
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("4") || status.startsWith("5")) {
                            response.content(new Content()
                                    .addMediaType(
                                            "application/problem+json",
                                            new MediaType().schema(new Schema<>().$ref("Problem"))));
                        }
                        response.addHeaderObject(
                                "X-RateLimit-Limit",
                                header("The size of this client's request bucket (its burst capacity)."));
                        response.addHeaderObject(
                                "X-RateLimit-Remaining", header("Requests left in this client's bucket."));
                        if (status.equals("429") || status.equals("503")) {
                            response.addHeaderObject("Retry-After", header("Seconds to wait before retrying."));
                        }
                    });
                }));
    }

    private static Header header(String description) {
        return new Header()
                .description(description)
                .schema(new Schema<>()
                        .type("integer")
                        .types(Set.of("integer"))
                        .format("int32")
                        .minimum(BigDecimal.ZERO)
                        .maximum(BigDecimal.valueOf(100_000)));
    }
}
