package dev.prodev.shop.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import com.sun.net.httpserver.HttpServer;
import dev.prodev.shop.web.defaults.ServiceDefaultsEnvironmentPostProcessor;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;

/**
 * {@link OtlpTracingAutoConfiguration} in the way Spring Boot tests its own: off by default, on
 * when an endpoint (or one of the OpenTelemetry variables) is set, off again with the export
 * switches, Zipkin unchanged beside it, and a finished span really arriving at a collector as OTLP.
 */
class OtlpTracingAutoConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OtlpTracingAutoConfiguration.class));

    private HttpServer collector;

    @AfterEach
    void stopCollector() {
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void exportsNoOtlpByDefault() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(OtlpSpanHandler.class)
                .doesNotHaveBean(OtlpTracingProperties.class));
    }

    @Test
    void anEmptyEndpointIsOff() {
        runner.withPropertyValues("shop.tracing.otlp.endpoint=", "shop.tracing.otlp.base-endpoint= ")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OtlpSpanHandler.class));
    }

    @Test
    void anEndpointSwitchesOnAnOtlpSpanExporterWithBoundSettings() {
        runner.withPropertyValues(
                        "shop.tracing.otlp.endpoint=http://collector:4318/v1/traces",
                        "shop.tracing.otlp.read-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(OtlpSpanHandler.class);
                    assertThat(context.getBean(OtlpSpanHandler.class).endpoint())
                            .isEqualTo("http://collector:4318/v1/traces");
                    var properties = context.getBean(OtlpTracingProperties.class);
                    assertThat(properties.readTimeout()).hasSeconds(3);
                    assertThat(properties.connectTimeout()).hasSeconds(5);
                });
    }

    @Test
    void aBaseEndpointGetsTheTracesPathAppended() {
        runner.withPropertyValues("shop.tracing.otlp.base-endpoint=http://collector:4318/")
                .run(context -> assertThat(
                                context.getBean(OtlpSpanHandler.class).endpoint())
                        .isEqualTo("http://collector:4318/v1/traces"));
    }

    @Test
    void theServiceDefaultsTakeTheOpenTelemetryAndShopEnvironmentVariables() {
        var withDefaults = runner.withInitializer(context -> new ServiceDefaultsEnvironmentPostProcessor()
                .postProcessEnvironment(context.getEnvironment(), new SpringApplication()));
        withDefaults.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OtlpSpanHandler.class));
        withDefaults
                .withInitializer(environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318")))
                .run(context -> assertThat(
                                context.getBean(OtlpSpanHandler.class).endpoint())
                        .isEqualTo("http://otel:4318/v1/traces"));
        withDefaults
                .withInitializer(environment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://otel:4318/custom")))
                .run(context -> assertThat(
                                context.getBean(OtlpSpanHandler.class).endpoint())
                        .isEqualTo("http://otel:4318/custom"));
        withDefaults
                .withInitializer(environment(Map.of("SHOP_TRACING_OTLP_ENDPOINT", "http://shop:4318/v1/traces")))
                .run(context -> assertThat(
                                context.getBean(OtlpSpanHandler.class).endpoint())
                        .isEqualTo("http://shop:4318/v1/traces"));
    }

    @Test
    void theTracingExportSwitchesTurnItOff() {
        var configured = runner.withPropertyValues("shop.tracing.otlp.endpoint=http://collector:4318/v1/traces");
        configured
                .withPropertyValues("management.tracing.export.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OtlpSpanHandler.class));
        configured
                .withPropertyValues("management.tracing.export.otlp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OtlpSpanHandler.class));
    }

    @Test
    void withoutBraveThereIsNoOtlpHandler() {
        runner.withClassLoader(new FilteredClassLoader(Tracing.class))
                .withPropertyValues("shop.tracing.otlp.endpoint=http://collector:4318/v1/traces")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OtlpSpanHandler.class));
    }

    @Test
    void zipkinStaysTheDefaultAndKeepsExportingBesideOtlp() {
        var tracing = runner.withConfiguration(AutoConfigurations.of(
                MicrometerTracingAutoConfiguration.class,
                BraveAutoConfiguration.class,
                ZipkinAutoConfiguration.class,
                ZipkinWithBraveTracingAutoConfiguration.class));
        tracing.run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(AsyncZipkinSpanHandler.class)
                .doesNotHaveBean(OtlpSpanHandler.class));
        tracing.withPropertyValues("shop.tracing.otlp.endpoint=http://collector:4318/v1/traces")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(AsyncZipkinSpanHandler.class)
                        .hasSingleBean(OtlpSpanHandler.class));
    }

    @Test
    void aFinishedSpanReachesTheCollectorAsOtlpProtobuf() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            var body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Content-Encoding"),
                    body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        var endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";

        runner.withConfiguration(
                        AutoConfigurations.of(MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class))
                .withPropertyValues(
                        "shop.tracing.otlp.endpoint=" + endpoint,
                        "spring.application.name=order-service",
                        "management.tracing.sampling.probability=1.0")
                .run(context -> {
                    var tracer = context.getBean(Tracing.class).tracer();
                    tracer.newTrace().name("place order").start().finish();
                });
        // the context closed: the handler flushed what it had queued

        // an empty batch may come first (the reporter probes the endpoint): wait for the one with spans
        TracesData traces = null;
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (traces == null && System.nanoTime() < deadline) {
            var request = received.poll(1, TimeUnit.SECONDS);
            if (request != null) {
                assertThat(request.contentType()).isEqualTo("application/x-protobuf");
                var data = TracesData.parseFrom(request.body());
                traces = data.getResourceSpansCount() > 0 ? data : null;
            }
        }
        assertThat(traces).as("OTLP spans at the collector").isNotNull();
        assertThat(traces.getResourceSpansList()).singleElement().satisfies(resource -> {
            assertThat(resource.getResource().getAttributesList()).anySatisfy(attribute -> {
                assertThat(attribute.getKey()).isEqualTo("service.name");
                assertThat(attribute.getValue().getStringValue()).isEqualTo("order-service");
            });
            assertThat(resource.getScopeSpansList())
                    .flatMap(scope -> scope.getSpansList())
                    .singleElement()
                    .satisfies(span -> assertThat(span.getName()).isEqualTo("place order"));
        });
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> environment(
            Map<String, Object> variables) {
        return context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("test-environment-variables", variables));
    }

    private record Received(String contentType, String contentEncoding, byte[] rawBody) {

        byte[] body() throws IOException {
            if ("gzip".equals(contentEncoding)) {
                try (var in = new GZIPInputStream(new ByteArrayInputStream(rawBody))) {
                    return in.readAllBytes();
                }
            }
            return rawBody;
        }
    }
}
