package dev.prodev.shop.gateway.clientip;

import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import java.net.InetAddress;
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
 * is believed only when the TCP peer is a configured trusted proxy ({@code shop.gateway.trusted-proxies},
 * empty by default: never), and then only up to the first address that is not itself a trusted
 * proxy (reading right to left, because a client can prepend anything). Addresses are compared as
 * addresses ({@link IpAddresses}), and IPv6 clients are keyed by their network
 * ({@code shop.gateway.client-address.ipv6-prefix-length}). Headers a client could use to
 * impersonate a proxy, a user or the gateway are removed before routing, so no service ever sees them.
 */
@Component
public class ClientAddressFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** Spoofable by any client; the gateway sets what the services need itself. */
    static final Set<String> SPOOFABLE = Set.of(
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            "x-forwarded-port",
            "x-forwarded-prefix",
            "forwarded",
            "x-real-ip",
            "x-client-ip",
            "true-client-ip",
            "x-original-forwarded-for",
            "x-user-id",
            "x-user-roles",
            "x-trace-id");

    private final List<Cidr> trustedProxies;
    private final int ipv6PrefixLength;

    public ClientAddressFilter(ShopGatewayProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Cidr::parse)
                .toList();
        this.ipv6PrefixLength = properties.clientAddress().ipv6PrefixLength();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, resolve(exchange));
        var request = exchange.getRequest()
                .mutate()
                .headers(headers -> new ArrayList<>(headers.headerNames())
                        .stream()
                                .filter(name -> SPOOFABLE.contains(name.toLowerCase()))
                                .forEach(headers::remove))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    ClientAddress resolve(ServerWebExchange exchange) {
        var peer = ClientAddress.peer(exchange);
        if (peer == null) {
            return ClientAddress.UNKNOWN;
        }
        var headers = exchange.getRequest().getHeaders();
        var forwardedFor = headers.get("X-Forwarded-For");
        var forwarded =
                forwardedFor != null || headers.containsHeader("Forwarded") || headers.containsHeader("X-Real-IP");
        if (!isTrusted(peer)) {
            return ClientAddress.of(peer, ipv6PrefixLength, forwarded);
        }
        return ClientAddress.of(clientAddress(peer, forwardedFor), ipv6PrefixLength, false);
    }

    InetAddress clientAddress(InetAddress peer, List<String> forwardedForHeaders) {
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
            var hop = IpAddresses.parse(hops.get(i));
            if (hop.isEmpty()) {
                break; // garbage (or "unknown") in the chain: nothing left of it can be believed
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client;
    }

    boolean isTrusted(InetAddress address) {
        return Cidr.anyContains(trustedProxies, address);
    }
}
