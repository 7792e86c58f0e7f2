package dev.prodev.shop.gateway.ratelimit;

import dev.prodev.shop.gateway.clientip.ClientAddress;
import dev.prodev.shop.gateway.security.GatewaySecurity;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose bucket a request draws from: the user ({@code sub}) when it carries a valid token, else
 * the client address (as established from trusted proxies only; an IPv6 client by its /64, see
 * {@link ClientAddress#key()}). Prefixed so a user id can never
 * collide with an address.
 */
@Component
public class CallerKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return GatewaySecurity.jwt()
                .map(jwt -> "user:" + jwt.getSubject())
                .defaultIfEmpty("ip:" + ClientAddress.of(exchange).key());
    }
}
