package dev.prodev.shop.gateway.observability;

import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Optional;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id of the span Spring's HTTP server observation opened for this exchange. Read from
 * the observation context rather than a thread-local, which a reactive pipeline does not keep.
 */
public final class TraceIds {

    private TraceIds() {}

    public static Optional<String> of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingObservationHandler.TracingContext)
                        context.get(TracingObservationHandler.TracingContext.class))
                .map(tracing -> tracing.getSpan())
                .map(span -> span.context().traceId())
                .filter(id -> !id.isBlank());
    }
}
