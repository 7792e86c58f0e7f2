package dev.prodev.shop.gateway.clientip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client as {@link ClientAddressFilter} established it, for rate limits, blocklist and logs.
 *
 * @param address the client's address (normalized: an IPv4-mapped IPv6 address is IPv4); null when unknown
 * @param ip its canonical text (RFC 5952), as logged and as admin blocklist entries are stored
 * @param key what rate limits and temporary login blocks count it under: the IPv4 address, or the
 *        IPv6 network of {@code shop.gateway.client-address.ipv6-prefix-length} bits
 * @param forwardedByUntrustedPeer the request carried forwarding headers that were not believed
 *        (the TCP peer is no trusted proxy): a proxy we do not know relayed it from somewhere else
 */
public record ClientAddress(InetAddress address, String ip, String key, boolean forwardedByUntrustedPeer) {

    static final String ATTRIBUTE = ClientAddress.class.getName();

    static final int DEFAULT_IPV6_PREFIX_LENGTH = 64;

    static final ClientAddress UNKNOWN = new ClientAddress(null, "unknown", "unknown", false);

    static ClientAddress of(InetAddress address, int ipv6PrefixLength, boolean forwardedByUntrustedPeer) {
        return new ClientAddress(
                IpAddresses.normalize(address),
                IpAddresses.canonical(address),
                IpAddresses.network(address, ipv6PrefixLength),
                forwardedByUntrustedPeer);
    }

    public static ClientAddress of(ServerWebExchange exchange) {
        if (exchange.getAttribute(ATTRIBUTE) instanceof ClientAddress client) {
            return client;
        }
        var peer = peer(exchange);
        return peer == null ? UNKNOWN : of(peer, DEFAULT_IPV6_PREFIX_LENGTH, false);
    }

    static InetAddress peer(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null
                ? remote.getAddress()
                : IpAddresses.parse(remote.getHostString()).orElse(null);
    }

    @Override
    public String toString() {
        return ip;
    }
}
