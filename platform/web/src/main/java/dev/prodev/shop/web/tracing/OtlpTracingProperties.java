package dev.prodev.shop.web.tracing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where a service also sends its spans as OTLP ({@code shop.tracing.otlp.*}), beside Zipkin. Off
 * unless an endpoint is set; {@code shop-service-defaults.yml} fills it from the OpenTelemetry
 * environment variables an operator already knows.
 *
 * @param endpoint the OTLP/HTTP traces URL, used as given (e.g. {@code http://collector:4318/v1/traces});
 *     from {@code SHOP_TRACING_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}
 * @param baseEndpoint the collector's base URL, to which {@code /v1/traces} is appended when no
 *     {@code endpoint} is set (from {@code OTEL_EXPORTER_OTLP_ENDPOINT}, as the OpenTelemetry SDKs do)
 * @param connectTimeout how long to wait for the collector to accept a connection
 * @param readTimeout how long to wait for the collector to answer one batch
 */
@ConfigurationProperties("shop.tracing.otlp")
public record OtlpTracingProperties(
        String endpoint,
        String baseEndpoint,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    static final String PREFIX = "shop.tracing.otlp";

    /** The URL spans are posted to, or {@code null} when OTLP export is off. */
    public String tracesEndpoint() {
        return tracesEndpoint(endpoint, baseEndpoint);
    }

    static String tracesEndpoint(String endpoint, String baseEndpoint) {
        if (StringUtils.hasText(endpoint)) {
            return endpoint.trim();
        }
        if (StringUtils.hasText(baseEndpoint)) {
            var base = baseEndpoint.trim();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
        }
        return null;
    }
}
