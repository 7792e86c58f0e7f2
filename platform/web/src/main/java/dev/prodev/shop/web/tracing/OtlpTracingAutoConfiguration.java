package dev.prodev.shop.web.tracing;

import brave.Tracing;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.otel.brave.OtlpProtoV1Encoder;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * OTLP export as an option beside Zipkin (ADR 0016): when {@code shop.tracing.otlp.endpoint} (or
 * an {@code OTEL_EXPORTER_OTLP_*} variable) names a collector, the same Brave spans that go to
 * Zipkin also go there as OTLP/HTTP protobuf. Boot's own OTLP span exporter needs the
 * OpenTelemetry bridge, which would replace Brave; this keeps one tracer and adds one handler.
 * {@code management.tracing.export.otlp.enabled=false} (or the global export switch) turns it off.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration")
@ConditionalOnClass({Tracing.class, OtlpProtoV1Encoder.class, URLConnectionSender.class})
@ConditionalOnEnabledTracingExport("otlp")
@Conditional(OtlpTracingAutoConfiguration.OnOtlpEndpoint.class)
@EnableConfigurationProperties(OtlpTracingProperties.class)
public class OtlpTracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OtlpSpanHandler otlpSpanHandler(OtlpTracingProperties properties) {
        var endpoint = properties.tracesEndpoint();
        var sender = URLConnectionSender.newBuilder()
                .endpoint(endpoint)
                .encoding(Encoding.PROTO3)
                .connectTimeout((int) properties.connectTimeout().toMillis())
                .readTimeout((int) properties.readTimeout().toMillis())
                .build();
        return new OtlpSpanHandler(endpoint, sender);
    }

    /** Matches when an OTLP endpoint is configured; an empty value (the default) is off. */
    static class OnOtlpEndpoint extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            var endpoint = OtlpTracingProperties.tracesEndpoint(
                    environment.getProperty(OtlpTracingProperties.PREFIX + ".endpoint"),
                    environment.getProperty(OtlpTracingProperties.PREFIX + ".base-endpoint"));
            return endpoint == null
                    ? ConditionOutcome.noMatch("no " + OtlpTracingProperties.PREFIX + ".endpoint or base-endpoint")
                    : ConditionOutcome.match("OTLP traces endpoint " + endpoint);
        }
    }
}
