package dev.prodev.shop.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code shop.gateway.*}); Spring Cloud Gateway's routes stay under
 * {@code spring.cloud.gateway.server.webflux}.
 *
 * @param trustedProxies addresses or CIDR ranges of load balancers whose {@code X-Forwarded-For} we believe;
 *        from anyone else the header is dropped and the TCP peer is the client
 * @param maxRequestSize largest request body accepted (413 above it)
 * @param cors browser origins allowed to call the API
 * @param rateLimit token-bucket tiers
 * @param authFailures temporary block after repeated failed authentications from one IP
 * @param resilience per-route time limit and circuit breaker
 * @param blocklist how long each gateway replica may reuse a blocklist verdict
 */
@ConfigurationProperties("shop.gateway")
public record ShopGatewayProperties(@DefaultValue List<String> trustedProxies,
        @DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue Cors cors, @DefaultValue RateLimit rateLimit,
        @DefaultValue AuthFailures authFailures, @DefaultValue Resilience resilience,
        @DefaultValue Blocklist blocklist) {

    /**
     * @param cacheTtl how long a verdict for one IP is reused without asking Redis: a block set on
     *        another replica (or expiring) takes effect here at most this much later; this replica's
     *        own admin calls and auth-failure blocks take effect at once. Zero disables the cache.
     * @param cacheSize most IPs remembered at once
     */
    public record Blocklist(@DefaultValue("1s") Duration cacheTtl, @DefaultValue("100000") long cacheSize) {
    }

    public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
    }

    /**
     * @param anonymous tier for calls without a token, keyed by client IP
     * @param authenticated tier for a token whose roles have no tier of their own, keyed by {@code sub}
     * @param roles tier per realm role; a user with several roles gets the most generous one
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue({ "10", "20" }) Tier anonymous,
            @DefaultValue({ "20", "40" }) Tier authenticated, @DefaultValue Map<String, Tier> roles) {
    }

    /** A token bucket: refilled with {@code replenishRate} tokens per second, holding at most {@code burstCapacity}. */
    public record Tier(int replenishRate, int burstCapacity) {
    }

    /**
     * @param threshold failed authentications from one IP within {@code window} that trigger a block
     * @param window how long failures are counted
     * @param blockFor how long the IP is then refused
     */
    public record AuthFailures(@DefaultValue("20") int threshold, @DefaultValue("1m") Duration window,
            @DefaultValue("15m") Duration blockFor) {
    }

    /**
     * @param timeout time limit for one proxied call, retries included
     * @param failureRateThreshold percentage of failed calls that opens a route's circuit
     * @param minimumNumberOfCalls calls observed before the failure rate counts
     * @param slidingWindowSize calls in the failure-rate window
     * @param waitInOpenState how long an open circuit refuses calls before probing again
     * @param maxConcurrentCalls calls one gateway replica has in flight to one service at most (a
     *        bulkhead: a stalling service cannot take every connection); more get 503 at once
     */
    public record Resilience(@DefaultValue("5s") Duration timeout, @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int minimumNumberOfCalls, @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10s") Duration waitInOpenState, @DefaultValue("256") int maxConcurrentCalls) {
    }
}
