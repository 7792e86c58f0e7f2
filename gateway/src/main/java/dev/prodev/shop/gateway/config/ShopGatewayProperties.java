package dev.prodev.shop.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code shop.gateway.*}); Spring Cloud Gateway's routes stay under
 * {@code spring.cloud.gateway.server.webflux}.
 *
 * @param trustedProxies addresses or CIDR ranges of load balancers whose {@code X-Forwarded-For} we believe
 *        (env {@code TRUSTED_PROXIES}). Empty by default: the header is never believed and the TCP peer is
 *        the client. Set it per environment to exactly the proxies in front of the gateway (the ingress
 *        controller's pods, a cloud load balancer's range); from anyone else the header is dropped
 * @param clientAddress how a client address becomes a key for rate limits and temporary blocks
 * @param management who may reach the gateway's own actuator endpoints beyond the health probes
 * @param apiDocs whether Swagger UI and the API documents are served
 * @param http limits of the HTTP layer (request line, headers), answered with problem+json
 * @param maxRequestSize largest request body accepted (413 above it)
 * @param cors browser origins allowed to call the API
 * @param rateLimit token-bucket tiers
 * @param authFailures temporary block after repeated failed authentications from one IP
 * @param resilience per-route time limit and circuit breaker
 * @param blocklist how long each gateway replica may reuse a blocklist verdict
 */
@ConfigurationProperties("shop.gateway")
public record ShopGatewayProperties(
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue Cors cors,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue AuthFailures authFailures,
        @DefaultValue Resilience resilience,
        @DefaultValue Blocklist blocklist,
        @DefaultValue AddressKeys clientAddress,
        @DefaultValue Management management,
        @DefaultValue ApiDocs apiDocs,
        @DefaultValue Http http) {

    /**
     * @param ipv6PrefixLength leading bits of an IPv6 client address that make its key for rate limits
     *        and temporary login blocks: one subscriber usually holds a whole /64 and can rotate freely
     *        inside it, so per-address keys would not hold anyone (IPv4 addresses are keyed whole)
     */
    public record AddressKeys(@DefaultValue("64") int ipv6PrefixLength) {
        public AddressKeys {
            if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
                throw new IllegalArgumentException("shop.gateway.client-address.ipv6-prefix-length must be 1..128");
            }
        }
    }

    /**
     * @param trustedNetworks CIDR ranges whose callers (the real client address, see {@code trustedProxies})
     *        may reach actuator endpoints other than health, liveness and readiness; everyone else gets 404.
     *        Local default: loopback only
     */
    public record Management(
            @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> trustedNetworks) {}

    /** @param publiclyVisible {@code public}: Swagger UI and /v3/api-docs/** are served (dev); false answers 404 (prod) */
    public record ApiDocs(
            @Name("public") @DefaultValue("true") boolean publiclyVisible) {}

    /**
     * Limits the gateway answers itself with problem+json. Reactor Netty's own decoder limits
     * ({@code server.netty.max-initial-line-length}, {@code server.max-http-request-header-size}) sit
     * above these, so a request between the two gets a problem+json answer instead of Netty's empty one.
     *
     * @param maxUriLength longest request target (path and query) accepted; 414 above it
     * @param maxHeaderSize largest total of header names and values accepted; 431 above it
     */
    public record Http(
            @DefaultValue("4KB") DataSize maxUriLength,
            @DefaultValue("8KB") DataSize maxHeaderSize) {}

    /**
     * @param cacheTtl how long a verdict for one IP is reused without asking Redis: a block set on
     *        another replica (or expiring) takes effect here at most this much later; this replica's
     *        own admin calls and auth-failure blocks take effect at once. Zero disables the cache.
     * @param cacheSize most IPs remembered at once
     */
    public record Blocklist(
            @DefaultValue("1s") Duration cacheTtl,
            @DefaultValue("100000") long cacheSize) {}

    public record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("1h") Duration maxAge) {}

    /**
     * @param anonymous tier for calls without a token, keyed by client IP
     * @param authenticated tier for a token whose roles have no tier of their own, keyed by {@code sub}
     * @param roles tier per realm role; a user with several roles gets the most generous one
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue({"10", "20"}) Tier anonymous,
            @DefaultValue({"20", "40"}) Tier authenticated,
            @DefaultValue Map<String, Tier> roles) {}

    /** A token bucket: refilled with {@code replenishRate} tokens per second, holding at most {@code burstCapacity}. */
    public record Tier(int replenishRate, int burstCapacity) {}

    /**
     * @param threshold failed authentications from one IP within {@code window} that trigger a block
     * @param window how long failures are counted
     * @param blockFor how long the IP is then refused
     */
    public record AuthFailures(
            @DefaultValue("20") int threshold,
            @DefaultValue("1m") Duration window,
            @DefaultValue("15m") Duration blockFor) {}

    /**
     * @param timeout time limit for one proxied call, retries included
     * @param failureRateThreshold percentage of failed calls that opens a route's circuit
     * @param minimumNumberOfCalls calls observed before the failure rate counts
     * @param slidingWindowSize calls in the failure-rate window
     * @param waitInOpenState how long an open circuit refuses calls before probing again
     * @param maxConcurrentCalls calls one gateway replica has in flight to one service at most (a
     *        bulkhead: a stalling service cannot take every connection); more get 503 at once
     */
    public record Resilience(
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10s") Duration waitInOpenState,
            @DefaultValue("256") int maxConcurrentCalls) {}
}
