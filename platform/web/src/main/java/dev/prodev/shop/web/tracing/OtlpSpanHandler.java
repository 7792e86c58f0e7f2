package dev.prodev.shop.web.tracing;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import java.io.Closeable;
import java.io.IOException;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;
import zipkin2.reporter.otel.brave.OtlpProtoV1Encoder;

/**
 * Sends every finished Brave span, encoded as OTLP protobuf, to an OpenTelemetry collector, in
 * batches off the request thread. A type of its own, not an {@link AsyncZipkinSpanHandler} bean:
 * Boot's Zipkin handler backs off when one of those exists, and Zipkin must keep working beside it.
 */
public final class OtlpSpanHandler extends SpanHandler implements Closeable {

    private final String endpoint;
    private final BytesMessageSender sender;
    private final AsyncZipkinSpanHandler delegate;

    OtlpSpanHandler(String endpoint, BytesMessageSender sender) {
        this.endpoint = endpoint;
        this.sender = sender;
        this.delegate = AsyncZipkinSpanHandler.newBuilder(sender).build(OtlpProtoV1Encoder.create());
    }

    /** The OTLP/HTTP traces URL spans go to. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public boolean end(TraceContext context, MutableSpan span, Cause cause) {
        return delegate.end(context, span, cause);
    }

    /** Flushes what is queued, then closes the connection (called when the context closes). */
    @Override
    public void close() {
        try {
            delegate.flush();
        } catch (RuntimeException ex) {
            // the collector is gone: what was queued is lost, as Zipkin's handler loses it too
        }
        delegate.close();
        try {
            sender.close();
        } catch (IOException ex) {
            // nothing more to send; a failing close must not fail the shutdown
        }
    }

    @Override
    public String toString() {
        return "OtlpSpanHandler{" + endpoint + "}";
    }
}
