package dev.prodev.shop.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceparentTest {

    private final Tracing tracing = Tracing.newBuilder()
            .traceId128Bit(true)
            .currentTraceContext(ThreadLocalCurrentTraceContext.create())
            .build();
    private final BraveTracer tracer = new BraveTracer(
            tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void storesTheCurrentSpanAsW3cTraceparentAndRestoresItAsParent() {
        var request = tracer.nextSpan().name("request").start();
        String stored;
        try (var ignored = tracer.withSpan(request)) {
            stored = Traceparent.current(tracer);
        }
        request.end();
        assertThat(stored)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .isEqualTo("00-" + request.context().traceId() + "-"
                        + request.context().spanId() + "-01");

        var parent = Traceparent.parse(tracer, stored);
        var publish = tracer.spanBuilder().setParent(parent).name("publish").start();
        assertThat(publish.context().traceId()).isEqualTo(request.context().traceId());
        assertThat(publish.context().parentId()).isEqualTo(request.context().spanId());
        publish.end();
    }

    @Test
    void withoutASpanNothingIsStoredAndGarbageIsIgnored() {
        assertThat(Traceparent.current(tracer)).isNull();
        assertThat(Traceparent.parse(tracer, null)).isNull();
        assertThat(Traceparent.parse(tracer, "00-xyz-abc-01")).isNull();
        assertThat(Traceparent.parse(tracer, "00-" + "g".repeat(32) + "-" + "0".repeat(16) + "-01"))
                .isNull();
    }
}
