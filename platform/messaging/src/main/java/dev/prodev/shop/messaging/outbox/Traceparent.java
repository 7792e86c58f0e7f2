package dev.prodev.shop.messaging.outbox;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/**
 * W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}) of the current span, stored
 * with each outbox row, and back to a {@link TraceContext} when the relay publishes the row. Written
 * and read here rather than through the configured propagator so a row survives a change of
 * propagation format.
 */
final class Traceparent {

    private Traceparent() {}

    static String current(Tracer tracer) {
        var span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        var traceId = context.traceId();
        if (traceId == null || traceId.isBlank()) {
            return null;
        }
        if (traceId.length() == 16) {
            traceId = "0000000000000000" + traceId;
        }
        return "00-" + traceId + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /** The context {@code traceparent} names, or {@code null} when there is none or it is malformed. */
    static TraceContext parse(Tracer tracer, String traceparent) {
        if (traceparent == null) {
            return null;
        }
        var parts = traceparent.split("-");
        if (parts.length != 4 || parts[1].length() != 32 || parts[2].length() != 16 || parts[3].length() != 2) {
            return null;
        }
        try {
            var sampled = (Integer.parseInt(parts[3], 16) & 1) == 1;
            return tracer.traceContextBuilder()
                    .traceId(parts[1])
                    .spanId(parts[2])
                    .sampled(sampled)
                    .build();
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** The trace id inside a {@code traceparent} value. */
    static String traceId(String traceparent) {
        var parts = traceparent == null ? new String[0] : traceparent.split("-");
        return parts.length == 4 ? parts[1] : null;
    }
}
