package dev.prodev.shop.gateway.openapi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The aggregated OpenAPI document the gateway serves at {@code /v3/api-docs}
 * ({@code shop.gateway.api-docs.*}; whether it is served at all is {@code public}).
 *
 * @param services each service's base URL by document name; its document is read from
 *     {@code <url>/v3/api-docs}
 * @param cacheFor how long a merged document is served before the services are asked again
 * @param timeout how long one service's document may take; a slower or failing service is left out
 * @param serverUrl the gateway's URL as clients reach it, the document's one server
 * @param title the aggregated document's title
 * @param version the API version clients see
 * @param description what the API is, for the document's front page
 */
@ConfigurationProperties("shop.gateway.api-docs")
public record ApiDocsProperties(
        @DefaultValue Map<String, URI> services,
        @DefaultValue("30s") Duration cacheFor,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("http://localhost:8080") String serverUrl,
        @DefaultValue("ProDev Shop API") String title,
        @DefaultValue("1.0.0") String version,
        @DefaultValue("The ProDev Shop API.") String description) {}
