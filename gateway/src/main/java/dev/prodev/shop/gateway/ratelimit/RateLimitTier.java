package dev.prodev.shop.gateway.ratelimit;

import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import java.util.Collection;
import java.util.Comparator;

/** The bucket a caller draws from: its name (used as the limiter's config key) and its refill/burst. */
public record RateLimitTier(String name, int replenishRate, int burstCapacity) {

    static final String ANONYMOUS = "anonymous";
    static final String AUTHENTICATED = "authenticated";

    /** The most generous tier among the caller's roles, else the plain authenticated tier. */
    static RateLimitTier forRoles(ShopGatewayProperties.RateLimit config, Collection<String> roles) {
        return config.roles().entrySet().stream()
                .filter(entry -> roles.contains(entry.getKey()))
                .map(entry -> new RateLimitTier(
                        "role-" + entry.getKey(),
                        entry.getValue().replenishRate(),
                        entry.getValue().burstCapacity()))
                .max(Comparator.comparingInt(RateLimitTier::replenishRate)
                        .thenComparingInt(RateLimitTier::burstCapacity))
                .orElseGet(() -> new RateLimitTier(
                        AUTHENTICATED,
                        config.authenticated().replenishRate(),
                        config.authenticated().burstCapacity()));
    }

    static RateLimitTier anonymous(ShopGatewayProperties.RateLimit config) {
        return new RateLimitTier(
                ANONYMOUS,
                config.anonymous().replenishRate(),
                config.anonymous().burstCapacity());
    }
}
