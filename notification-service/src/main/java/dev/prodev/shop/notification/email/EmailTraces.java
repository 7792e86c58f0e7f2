package dev.prodev.shop.notification.email;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries the trace of the event that queued an email to the job that sends it: the W3C
 * {@code traceparent} ({@code 00-<trace>-<span>-<flags>}) of the current span is stored on the
 * delivery row, and each send attempt runs in a span that is its child. Without a tracer (tests
 * without tracing) it stores nothing and spans are no-ops.
 */
@Component
public class EmailTraces {

    private final ObjectProvider<Tracer> tracer;

    EmailTraces(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The current span as a {@code traceparent}, or {@code null} outside a trace. */
    public String current() {
        var t = tracer.getIfAvailable();
        var span = t == null ? null : t.currentSpan();
        if (span == null
                || span.context().traceId() == null
                || span.context().traceId().isBlank()) {
            return null;
        }
        var context = span.context();
        var traceId = context.traceId().length() == 16 ? "0000000000000000" + context.traceId() : context.traceId();
        return "00-" + traceId + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /** Starts the span of one send attempt, child of {@code traceparent} when it is valid. */
    Span startSend(Delivery delivery) {
        var t = tracer.getIfAvailable();
        if (t == null) {
            return Span.NOOP;
        }
        var builder = t.spanBuilder().name("email send");
        var parts = delivery.getTraceparent() == null
                ? new String[0]
                : delivery.getTraceparent().split("-");
        if (parts.length == 4 && parts[1].length() == 32 && parts[2].length() == 16) {
            builder.setParent(t.traceContextBuilder()
                    .traceId(parts[1])
                    .spanId(parts[2])
                    .sampled("01".equals(parts[3]))
                    .build());
        } else {
            builder.setNoParent();
        }
        return builder.tag("notification.id", delivery.getNotificationId().toString())
                .tag("delivery.id", delivery.getId().toString())
                .tag("delivery.attempt", Integer.toString(delivery.getAttempts() + 1))
                .start();
    }

    Tracer.SpanInScope inScope(Span span) {
        var t = tracer.getIfAvailable();
        return t == null ? () -> {} : t.withSpan(span);
    }
}
