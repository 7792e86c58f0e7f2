package dev.prodev.shop.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The email's send span continues the trace of the event that queued it, through the stored traceparent. */
class EmailTracesTest {

    final Tracing tracing = Tracing.newBuilder()
            .currentTraceContext(ThreadLocalCurrentTraceContext.create())
            .build();
    final Tracer tracer = new BraveTracer(
            tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
    final EmailTraces traces = new EmailTraces(
            new StaticListableBeanFactory(java.util.Map.of("tracer", tracer)).getBeanProvider(Tracer.class));

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void theSendSpanIsAChildOfTheSpanThatQueuedTheEmail() {
        var listener = tracer.nextSpan().name("receive shop.orders").start();
        String traceparent;
        try (var scope = tracer.withSpan(listener)) {
            traceparent = traces.current();
        } finally {
            listener.end();
        }
        assertThat(traceparent)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .contains(listener.context().spanId());

        var delivery = Delivery.email(
                UUID.randomUUID(), "alice", "alice@example.com", "s", "t", "<p>h</p>", traceparent, Instant.now());
        var send = traces.startSend(delivery);
        send.end();
        assertThat(send.context().traceId())
                .as("same trace")
                .endsWith(listener.context().traceId());
        assertThat(send.context().parentId()).isEqualTo(listener.context().spanId());
    }

    @Test
    void withoutAStoredTraceparentTheSendStartsItsOwnTraceAndOutsideASpanNothingIsStored() {
        assertThat(traces.current()).isNull();
        var delivery = Delivery.email(
                UUID.randomUUID(), "alice", "alice@example.com", "s", "t", "<p>h</p>", null, Instant.now());
        var send = traces.startSend(delivery);
        send.end();
        assertThat(send.context().parentId()).isNull();
    }
}
