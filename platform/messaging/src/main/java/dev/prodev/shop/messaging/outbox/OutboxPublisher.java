package dev.prodev.shop.messaging.outbox;

import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.messaging.CloudEventRecords;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one batch of outbox rows to Kafka and waits for the broker's answers, knowing nothing
 * about the database.
 *
 * <ul>
 * <li>Per-key order: rows of one (topic, key) are sent one after the other, each only after the
 * previous one was acknowledged; after a failure the later rows of that key are not sent.</li>
 * <li>Once a send failed, the rows not yet handed to the producer are left for the next round
 * instead of piling up timeouts against a failing broker.</li>
 * <li>Tracing: each send runs in a span whose parent is the row's stored {@code traceparent}, so
 * the Kafka producer span and the consumer after it join the original request's trace.</li>
 * </ul>
 */
class OutboxPublisher {

    static final String TRACEPARENT = "traceparent";

    private final CloudEventPublisher publisher;
    private final Tracer tracer;
    private final Duration sendTimeout;
    private final Executor chainExecutor;

    OutboxPublisher(CloudEventPublisher publisher, Tracer tracer, Duration sendTimeout, Executor chainExecutor) {
        this.publisher = publisher;
        this.tracer = tracer;
        this.sendTimeout = sendTimeout;
        this.chainExecutor = chainExecutor;
    }

    /** What became of one row: acknowledged, failed (with the error), or never handed to the producer. */
    record Outcome(OutboxRow row, boolean sent, boolean attempted, Throwable error) {}

    /** Sends {@code rows} (oldest first) and returns one outcome per row it considered, in the same order. */
    List<Outcome> publish(List<OutboxRow> rows) {
        var roundOver = new AtomicBoolean();
        var trouble = new AtomicBoolean();
        var tails = new HashMap<String, CompletableFuture<?>>();
        var pending = new ArrayList<Pending>(rows.size());
        for (var row : rows) {
            if (trouble.get()) {
                break;
            }
            var entry = new Pending(row);
            var previous = tails.get(row.chain());
            CompletableFuture<?> sent = previous == null
                    ? send(entry, roundOver)
                    : previous.thenComposeAsync(ignored -> send(entry, roundOver), chainExecutor);
            sent = sent.whenComplete((result, error) -> {
                if (error != null) {
                    trouble.set(true);
                }
            });
            entry.sent = sent;
            tails.put(row.chain(), sent);
            pending.add(entry);
        }
        var deadline = System.nanoTime() + sendTimeout.plusSeconds(2).toNanos();
        var outcomes = new ArrayList<Outcome>(pending.size());
        for (var entry : pending) {
            Throwable error = null;
            try {
                entry.sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException ex) {
                error = ex.getCause();
            } catch (TimeoutException ex) {
                error = ex;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                error = ex;
            }
            outcomes.add(new Outcome(entry.row, error == null, entry.attempted.get() || error == null, error));
        }
        roundOver.set(true);
        return outcomes;
    }

    private static final class Pending {
        final OutboxRow row;
        final AtomicBoolean attempted = new AtomicBoolean();
        CompletableFuture<?> sent;

        Pending(OutboxRow row) {
            this.row = row;
        }
    }

    private CompletableFuture<?> send(Pending entry, AtomicBoolean roundOver) {
        if (roundOver.get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("relay round ended before this event's turn"));
        }
        entry.attempted.set(true);
        var row = entry.row;
        var span = startSpan(row);
        try (var ignored = tracer.withSpan(span)) {
            var record = CloudEventRecords.create(
                    row.topic(), row.key(), row.id(), row.type(), publisher.source(), row.occurredAt(), row.payload());
            // the trace must survive even where Boot builds no propagator (tracing export off): Spring Kafka's
            // producer observation replaces this header with its own span's when it propagates
            var traceparent = Traceparent.current(tracer);
            traceparent = traceparent != null ? traceparent : row.traceparent();
            if (traceparent != null) {
                record.headers().add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            return publisher.send(record).whenComplete((result, error) -> {
                if (error != null) {
                    span.error(error);
                }
                span.end();
            });
        } catch (RuntimeException ex) {
            span.error(ex);
            span.end();
            return CompletableFuture.failedFuture(ex);
        }
    }

    private Span startSpan(OutboxRow row) {
        var parent = Traceparent.parse(tracer, row.traceparent());
        var builder = tracer.spanBuilder().name("outbox publish");
        if (parent != null) {
            builder.setParent(parent);
        } else {
            builder.setNoParent();
        }
        return builder.tag("messaging.destination.name", row.topic())
                .tag("cloudevents.event_type", row.type())
                .tag("cloudevents.event_id", row.id().toString())
                .start();
    }
}
