package dev.prodev.shop.gateway.ratelimit;

import dev.prodev.shop.gateway.problem.Problems;
import dev.prodev.shop.gateway.security.GatewaySecurity;
import dev.prodev.shop.gateway.security.RealmRoles;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate limiting on every route: the caller's bucket ({@link CallerKeyResolver}) in its tier
 * ({@link TieredRateLimiter}). Allowed requests carry {@code X-RateLimit-Remaining}; refused ones
 * get 429 problem+json with {@code Retry-After} and {@code X-RateLimit-Remaining: 0}, and count in
 * {@code shop_gateway_rate_limit_rejections_total{route,tier}}. Written as a global filter rather
 * than the stock {@code RequestRateLimiter} because that one answers 429 with an empty body and no
 * {@code Retry-After}.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    public static final String REMAINING = "X-RateLimit-Remaining";

    /**
     * {@code Retry-After} of a refused call, in whole seconds as the header takes them: every tier
     * refills at least one token per second (an {@code int} rate, and Spring Cloud Gateway's
     * {@code RedisRateLimiter} refuses a rate below 1) and a call takes one token, so one second
     * always brings a token back. Computing it from the tier would always give 1 as well.
     */
    static final long RETRY_AFTER_SECONDS = 1;

    private final TieredRateLimiter limiter;
    private final CallerKeyResolver keys;
    private final MeterRegistry meters;

    public RateLimitFilter(TieredRateLimiter limiter, CallerKeyResolver keys, MeterRegistry meters) {
        this.limiter = limiter;
        this.keys = keys;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return -100; // before the route's circuit breaker and retry: a refused call never reaches them
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!limiter.enabled()) {
            return chain.filter(exchange);
        }
        return GatewaySecurity.jwt()
                .map(jwt -> limiter.tierFor(RealmRoles.of(jwt)))
                .defaultIfEmpty(limiter.anonymousTier())
                .zipWith(keys.resolve(exchange))
                .flatMap(tierAndKey -> limiter.take(tierAndKey.getT1(), tierAndKey.getT2()))
                .flatMap(decision -> {
                    var headers = exchange.getResponse().getHeaders();
                    headers.set(REMAINING, Long.toString(decision.tokensLeft()));
                    headers.set(
                            "X-RateLimit-Limit",
                            Integer.toString(decision.tier().burstCapacity()));
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    var route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) instanceof Route r
                            ? r.getId()
                            : "none";
                    meters.counter(
                                    "shop.gateway.rate.limit.rejections",
                                    "route",
                                    route,
                                    "tier",
                                    decision.tier().name())
                            .increment();
                    headers.set("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
                    return Problems.write(
                            exchange,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "rate-limited",
                            "Too many requests; retry after " + RETRY_AFTER_SECONDS + " s.",
                            Map.of("tier", decision.tier().name()));
                });
    }
}
