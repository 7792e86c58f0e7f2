package dev.prodev.shop.gateway.resilience;

import dev.prodev.shop.gateway.problem.Problems;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards when the service is down, too slow or its circuit is
 * open: 503 problem+json naming the service, with {@code Retry-After}. Reached only through the
 * gateway's internal forward (the security chain denies it from outside).
 */
@RestController
public class FallbackController {

    static final Set<String> SERVICES =
            Set.of("user-service", "catalog-service", "order-service", "payment-service", "notification-service");

    @RequestMapping("/fallback/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        var name = SERVICES.contains(service) ? service : "unknown";
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return Problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "The " + name + " is unavailable right now; try again shortly.",
                Map.of("service", name));
    }
}
