package dev.prodev.shop.gateway.observability;

import dev.prodev.shop.gateway.clientip.ClientAddress;
import dev.prodev.shop.gateway.clientip.ClientAddressFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * IP tracking: exactly one line per request, written when it completes, with client IP, user,
 * route, status, latency and trace id (also as structured key-values for the JSON log).
 * Runs right after {@link ClientAddressFilter}, so blocked, throttled and unauthenticated
 * requests are logged too. The user is recorded by {@link #recordUser} inside the security chain.
 */
@Component
public class AccessLogFilter implements WebFilter, Ordered {

    static final Logger log = LoggerFactory.getLogger("dev.prodev.shop.gateway.access");

    private static final String USER = AccessLogFilter.class.getName() + ".user";

    @Override
    public int getOrder() {
        return ClientAddressFilter.ORDER + 1;
    }

    /** Called once the JWT is validated: the {@code sub} of the caller. */
    public static void recordUser(ServerWebExchange exchange, String subject) {
        exchange.getAttributes().put(USER, subject);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        var traceId = TraceIds.of(exchange).orElse("-");
        return chain.filter(exchange).doFinally(signal -> {
            var request = exchange.getRequest();
            var status = exchange.getResponse().getStatusCode();
            var route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) instanceof Route r
                    ? r.getId()
                    : "-";
            var user = exchange.getAttribute(USER) instanceof String s ? s : "-";
            var ip = ClientAddress.of(exchange).ip();
            long latencyMs = (System.nanoTime() - start) / 1_000_000;
            int code = status != null ? status.value() : 0;
            log.atInfo()
                    .addKeyValue("client.ip", ip)
                    .addKeyValue("user.id", user)
                    .addKeyValue("route", route)
                    .addKeyValue("http.request.method", request.getMethod().name())
                    .addKeyValue("url.path", request.getPath().value())
                    .addKeyValue("http.response.status_code", code)
                    .addKeyValue("event.duration_ms", latencyMs)
                    .addKeyValue("trace.id", traceId)
                    .log(
                            "{} {} status={} route={} ip={} user={} latencyMs={} traceId={}",
                            request.getMethod().name(),
                            request.getPath().value(),
                            code,
                            route,
                            ip,
                            user,
                            latencyMs,
                            traceId);
        });
    }
}
