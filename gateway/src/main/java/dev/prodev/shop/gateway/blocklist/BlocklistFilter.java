package dev.prodev.shop.gateway.blocklist;

import dev.prodev.shop.gateway.clientip.ClientAddress;
import dev.prodev.shop.gateway.clientip.ClientAddressFilter;
import dev.prodev.shop.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses blocked IPs with 403 problem+json before authentication or routing spend anything on them. */
@Component
public class BlocklistFilter implements WebFilter, Ordered {

    private final IpBlocklist blocklist;

    public BlocklistFilter(IpBlocklist blocklist) {
        this.blocklist = blocklist;
    }

    @Override
    public int getOrder() {
        return ClientAddressFilter.ORDER
                + 3; // after the client IP is known, the access log is armed, management hidden
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().value();
        if (path.startsWith("/actuator/health")) {
            return chain.filter(exchange); // probes come from the platform, never from a blocked client
        }
        return blocklist.check(ClientAddress.of(exchange)).flatMap(verdict -> switch (verdict) {
            case ALLOWED -> chain.filter(exchange);
            case BLOCKED ->
                Problems.write(exchange, HttpStatus.FORBIDDEN, "ip-blocked", "Requests from your address are blocked.");
            case TEMPORARILY_BLOCKED ->
                Problems.write(
                        exchange,
                        HttpStatus.FORBIDDEN,
                        "ip-temporarily-blocked",
                        "Too many failed authentications from your address; try again later.");
        });
    }
}
