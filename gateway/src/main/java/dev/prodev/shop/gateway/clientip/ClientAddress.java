package dev.prodev.shop.gateway.clientip;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/** The client's IP as {@link ClientAddressFilter} established it, for rate limits, blocklist and logs. */
public final class ClientAddress {

    static final String ATTRIBUTE = ClientAddress.class.getName();

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        if (exchange.getAttribute(ATTRIBUTE) instanceof String ip) {
            return ip;
        }
        return peer(exchange);
    }

    static String peer(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
