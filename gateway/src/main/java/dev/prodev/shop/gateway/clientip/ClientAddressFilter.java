package dev.prodev.shop.gateway.clientip;

import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Decides who the client is, before anything else looks at the request. {@code X-Forwarded-For}
 * is believed only when the TCP peer is a configured trusted proxy ({@code shop.gateway.trusted-proxies}),
 * and then only up to the first address that is not itself a trusted proxy (reading right to left,
 * because a client can prepend anything). Headers a client could use to impersonate a proxy, a
 * user or the gateway are removed before routing, so no service ever sees them.
 */
@Component
public class ClientAddressFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** Spoofable by any client; the gateway sets what the services need itself. */
    static final Set<String> SPOOFABLE = Set.of("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "x-forwarded-port", "x-forwarded-prefix", "forwarded", "x-real-ip", "x-client-ip", "true-client-ip",
            "x-original-forwarded-for", "x-user-id", "x-user-roles", "x-trace-id");

    private final List<Cidr> trustedProxies;

    public ClientAddressFilter(ShopGatewayProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(Cidr::parse).toList();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var peer = ClientAddress.peer(exchange);
        var client = clientAddress(peer, exchange.getRequest().getHeaders().get("X-Forwarded-For"));
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, client);
        var request = exchange.getRequest().mutate().headers(headers -> new ArrayList<>(headers.headerNames())
                .stream().filter(name -> SPOOFABLE.contains(name.toLowerCase())).forEach(headers::remove)).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    String clientAddress(String peer, List<String> forwardedForHeaders) {
        if (!isTrusted(peer) || forwardedForHeaders == null || forwardedForHeaders.isEmpty()) {
            return peer;
        }
        var hops = new ArrayList<String>();
        forwardedForHeaders.forEach(header -> {
            for (var hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        });
        var client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = hops.get(i);
            if (!looksLikeIp(hop)) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    boolean isTrusted(String address) {
        if (!looksLikeIp(address)) {
            return false;
        }
        for (var cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Literal IPv4 or IPv6 only: never let a header value trigger a DNS lookup. */
    static boolean looksLikeIp(String value) {
        return value.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (value.contains(":") && value.matches("[0-9a-fA-F:.]+"));
    }
}
