package dev.prodev.shop.gateway.clientip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

class ClientAddressFilterTest {

    static ShopGatewayProperties properties(List<String> trustedProxies, int ipv6PrefixLength) {
        return new ShopGatewayProperties(
                trustedProxies,
                DataSize.ofMegabytes(1),
                new ShopGatewayProperties.Cors(List.of(), Duration.ofHours(1)),
                new ShopGatewayProperties.RateLimit(
                        true, new ShopGatewayProperties.Tier(1, 1), new ShopGatewayProperties.Tier(1, 1), Map.of()),
                new ShopGatewayProperties.AuthFailures(5, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                new ShopGatewayProperties.Resilience(Duration.ofSeconds(1), 50, 4, 4, Duration.ofSeconds(1), 10),
                new ShopGatewayProperties.Blocklist(Duration.ofSeconds(1), 1000),
                new ShopGatewayProperties.AddressKeys(ipv6PrefixLength),
                new ShopGatewayProperties.Management(List.of("127.0.0.0/8")),
                new ShopGatewayProperties.ApiDocs(true),
                new ShopGatewayProperties.Http(DataSize.ofKilobytes(4), DataSize.ofKilobytes(8)));
    }

    static ClientAddress resolve(ClientAddressFilter filter, String peer, String... forwardedFor) {
        var request = MockServerHttpRequest.get("/api/v1/products").remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor.length > 0) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return filter.resolve(MockServerWebExchange.from(request.build()));
    }

    @Test
    void byDefaultNoProxyIsTrustedSoXForwardedForIsNeverBelieved() {
        var filter = new ClientAddressFilter(properties(List.of(), 64));
        for (var peer : new String[] {"127.0.0.1", "10.0.0.7", "192.168.1.1"}) {
            var client = resolve(filter, peer, "203.0.113.9");
            assertThat(client.ip()).isEqualTo(peer);
            assertThat(client.forwardedByUntrustedPeer()).isTrue();
        }
        assertThat(resolve(filter, "10.0.0.7").forwardedByUntrustedPeer()).isFalse();
    }

    @Test
    void throughATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        var filter = new ClientAddressFilter(properties(List.of("10.0.0.0/8"), 64));
        assertThat(resolve(filter, "10.0.0.7", "198.51.100.1, 203.0.113.9, 10.0.0.3")
                        .ip())
                .isEqualTo("203.0.113.9");
        assertThat(resolve(filter, "10.0.0.7", "198.51.100.1", "203.0.113.9").ip())
                .as("several headers")
                .isEqualTo("203.0.113.9");
        assertThat(resolve(filter, "10.0.0.7", "garbage, 10.0.0.3").ip())
                .as("nothing left of garbage is believed")
                .isEqualTo("10.0.0.3");
        assertThat(resolve(filter, "192.0.2.1", "203.0.113.9").ip())
                .as("untrusted peer")
                .isEqualTo("192.0.2.1");
    }

    @Test
    void forwardedAddressesAreNormalizedAndIpv6ClientsKeyedByTheirPrefix() {
        var filter = new ClientAddressFilter(properties(List.of("::ffff:10.0.0.0/104"), 56));
        var client = resolve(filter, "10.0.0.7", "2001:0DB8:0:12:0:0:0:1");
        assertThat(client.ip()).isEqualTo("2001:db8:0:12::1");
        assertThat(client.key()).isEqualTo("2001:db8::/56");
        var mapped = resolve(filter, "10.0.0.7", "[::ffff:203.0.113.9]:1234");
        assertThat(mapped.ip()).isEqualTo("203.0.113.9").isEqualTo(mapped.key());
    }
}
