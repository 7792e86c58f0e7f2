package dev.prodev.shop.gateway.observability;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every response, errors and rejections included, carries {@code X-Trace-Id}: the id a user hands
 * to an SRE to find the request's whole path in Zipkin.
 */
@Component
public class TraceIdHeaderFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Trace-Id";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        TraceIds.of(exchange)
                .ifPresent(traceId -> exchange.getResponse().beforeCommit(() -> {
                    // set, not add: a downstream service's own X-Trace-Id (same trace) must not appear twice
                    exchange.getResponse().getHeaders().set(HEADER, traceId);
                    return Mono.empty();
                }));
        return chain.filter(exchange);
    }
}
