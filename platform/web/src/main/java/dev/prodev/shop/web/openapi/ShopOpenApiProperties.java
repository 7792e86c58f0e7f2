package dev.prodev.shop.web.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI document says about itself and about how to call it
 * ({@code shop.openapi.*}).
 *
 * @param title the document's title, e.g. "ProDev Shop catalogue API"
 * @param description what the API is for, in a sentence or two
 * @param version the API version clients see (not the build version)
 * @param serverUrl the one server a client calls: the gateway, never the service itself
 * @param authIssuerUri the Keycloak realm as a browser reaches it; its login and token endpoints
 *     become the OAuth2 flows of the {@value ShopOpenApiCustomizer#SECURITY_SCHEME} scheme
 */
@ConfigurationProperties("shop.openapi")
public record ShopOpenApiProperties(
        @DefaultValue("ProDev Shop API") String title,

        @DefaultValue("The ProDev Shop API, reached through the gateway.")
        String description,

        @DefaultValue("1.0.0") String version,
        @DefaultValue("http://localhost:8080") String serverUrl,
        @DefaultValue("http://localhost:8180/realms/shop") String authIssuerUri) {}
