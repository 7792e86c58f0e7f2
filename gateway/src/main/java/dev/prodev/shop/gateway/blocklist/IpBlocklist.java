package dev.prodev.shop.gateway.blocklist;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * IPs the gateway refuses, in Redis so every gateway replica agrees: entries an admin manages
 * ({@code shop:gateway:blocked:<ip>}, optional expiry) and temporary blocks earned by repeated
 * failed authentications ({@code shop:gateway:auth-block:<ip>}). If Redis is unreachable the
 * check lets the request through (see ADR on failing open) and counts it.
 * <p>
 * Each verdict is kept in memory for {@code shop.gateway.blocklist.cache-ttl} (1 s): the check
 * runs on every request, and a Redis round trip per request for a list that changes a few times
 * a day cost the gateway a large share of its throughput (docs/performance.md, "Gateway"). A
 * block set through this replica, or earned here by failed authentications, applies at once;
 * one set through another replica within the TTL.
 */
@Component
public class IpBlocklist {

    private static final Logger log = LoggerFactory.getLogger(IpBlocklist.class);
    static final String BLOCKED = "shop:gateway:blocked:";
    static final String AUTH_BLOCK = "shop:gateway:auth-block:";
    static final String AUTH_FAILURES = "shop:gateway:auth-failures:";

    public enum Verdict { ALLOWED, BLOCKED, TEMPORARILY_BLOCKED }

    public record Entry(String ip, String reason, Instant blockedAt, Instant expiresAt) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final ShopGatewayProperties.AuthFailures authFailures;
    private final Counter redisUnavailable;
    private final Counter temporaryBlocks;
    private final Cache<String, Verdict> verdicts;

    public IpBlocklist(ReactiveStringRedisTemplate redis, ShopGatewayProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.verdicts = Caffeine.newBuilder().expireAfterWrite(properties.blocklist().cacheTtl())
                .maximumSize(properties.blocklist().cacheSize()).build();
        this.authFailures = properties.authFailures();
        this.redisUnavailable = Counter.builder("shop.gateway.redis.unavailable").tag("use", "blocklist")
                .description("Blocklist checks skipped because Redis did not answer").register(meters);
        this.temporaryBlocks = Counter.builder("shop.gateway.auth.failure.blocks")
                .description("IPs temporarily blocked after repeated failed authentications").register(meters);
    }

    public Mono<Verdict> check(String ip) {
        var known = verdicts.getIfPresent(ip);
        if (known != null) {
            return Mono.just(known);
        }
        return ask(ip).doOnNext(verdict -> verdicts.put(ip, verdict));
    }

    private Mono<Verdict> ask(String ip) {
        return redis.opsForValue().multiGet(List.of(BLOCKED + ip, AUTH_BLOCK + ip)).map(values -> {
            if (values.get(0) != null) {
                return Verdict.BLOCKED;
            }
            return values.get(1) != null ? Verdict.TEMPORARILY_BLOCKED : Verdict.ALLOWED;
        }).onErrorResume(ex -> {
            redisUnavailable.increment();
            log.warn("blocklist check skipped, Redis unavailable: {}", ex.toString());
            return Mono.just(Verdict.ALLOWED);
        });
    }

    public Mono<Entry> block(String ip, String reason, Duration ttl) {
        var now = Instant.now();
        var value = now + "|" + (reason == null ? "" : reason.replace("|", "/"));
        var key = BLOCKED + ip;
        var write = ttl == null ? redis.opsForValue().set(key, value) : redis.opsForValue().set(key, value, ttl);
        return write.doOnSuccess(done -> verdicts.invalidate(ip))
                .thenReturn(new Entry(ip, reason, now, ttl == null ? null : now.plus(ttl)));
    }

    public Mono<Boolean> unblock(String ip) {
        return redis.delete(BLOCKED + ip, AUTH_BLOCK + ip, AUTH_FAILURES + ip).doOnSuccess(done -> verdicts.invalidate(ip))
                .map(deleted -> deleted > 0);
    }

    public Flux<Entry> list(int limit) {
        return redis.scan(ScanOptions.scanOptions().match(BLOCKED + "*").count(500).build())
                .take(limit)
                .concatMap(key -> Mono.zip(redis.opsForValue().get(key), redis.getExpire(key).defaultIfEmpty(Duration.ZERO))
                        .map(t -> entry(key.substring(BLOCKED.length()), t.getT1(), t.getT2())));
    }

    /**
     * One failed authentication from {@code ip}; past the threshold within the window the IP is
     * refused for {@code blockFor}. Counting is fixed-window per IP (INCR + EXPIRE).
     */
    public Mono<Void> recordFailedAuthentication(String ip) {
        var key = AUTH_FAILURES + ip;
        return redis.opsForValue().increment(key).flatMap(count -> {
            Mono<Boolean> expire = count == 1 ? redis.expire(key, authFailures.window()) : Mono.just(true);
            if (count < authFailures.threshold()) {
                return expire.then();
            }
            temporaryBlocks.increment();
            log.warn("blocking {} for {} after {} failed authentications", ip, authFailures.blockFor(), count);
            return expire.then(redis.opsForValue().set(AUTH_BLOCK + ip, Instant.now().toString(), authFailures.blockFor()))
                    .then(redis.delete(key)).doOnSuccess(done -> verdicts.invalidate(ip)).then();
        }).onErrorResume(ex -> {
            redisUnavailable.increment();
            log.warn("failed authentication not counted, Redis unavailable: {}", ex.toString());
            return Mono.empty();
        });
    }

    private static Entry entry(String ip, String value, Duration ttl) {
        var bar = value.indexOf('|');
        var blockedAt = bar > 0 ? Instant.parse(value.substring(0, bar)) : null;
        var reason = bar >= 0 ? value.substring(bar + 1) : value;
        var expiresAt = ttl.isZero() || ttl.isNegative() ? null : Instant.now().plus(ttl);
        return new Entry(ip, reason, blockedAt, expiresAt);
    }
}
