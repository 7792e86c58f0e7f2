package dev.prodev.shop.gateway.blocklist;

import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gateway's Redis holds security state (rate-limit buckets, failed-login counts, temporary and
 * admin blocks). A Redis that evicts under memory pressure lets anyone who can fill it (say, with
 * cache entries of large unique searches) erase that state, so at start-up the gateway reads
 * {@code maxmemory-policy} and warns unless it is {@code noeviction} (docs/adr/0011). A Redis that
 * refuses {@code CONFIG GET} (many managed ones) is only noted: its policy is the operator's to check.
 */
@Component
public class RedisEvictionPolicyCheck {

    private static final Logger log = LoggerFactory.getLogger(RedisEvictionPolicyCheck.class);

    private final ReactiveRedisConnectionFactory redis;

    public RedisEvictionPolicyCheck(ReactiveRedisConnectionFactory redis) {
        this.redis = redis;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnWhenSecurityStateCanBeEvicted() {
        Mono.usingWhen(
                        Mono.fromSupplier(redis::getReactiveConnection),
                        connection -> connection.serverCommands().getConfig("maxmemory-policy"),
                        connection -> connection.closeLater())
                .subscribe(
                        config -> warning(config).ifPresent(log::warn),
                        ex -> log.info(
                                "could not read Redis' maxmemory-policy ({}); make sure it is noeviction",
                                ex.toString()));
    }

    /** The warning for a {@code CONFIG GET maxmemory-policy} answer, if the policy may evict keys. */
    static Optional<String> warning(Properties config) {
        var policy = config.getProperty("maxmemory-policy");
        if (policy == null || policy.equals("noeviction")) {
            return Optional.empty();
        }
        return Optional.of("Redis evicts keys (maxmemory-policy=" + policy + "): memory pressure can erase rate-limit"
                + " buckets and login blocks. Give the gateway a Redis (or instance) with maxmemory-policy noeviction"
                + " and keep caches elsewhere (docs/adr/0011).");
    }
}
