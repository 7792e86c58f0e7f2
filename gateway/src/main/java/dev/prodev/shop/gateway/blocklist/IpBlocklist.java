package dev.prodev.shop.gateway.blocklist;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.prodev.shop.gateway.clientip.ClientAddress;
import dev.prodev.shop.gateway.clientip.IpAddresses;
import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * IPs the gateway refuses, in Redis so every gateway replica agrees: entries an admin manages
 * ({@code shop:gateway:blocked:<ip>}, optional expiry) and temporary blocks earned by repeated
 * failed authentications ({@code shop:gateway:auth-block:<key>}). If Redis is unreachable the
 * check lets the request through (see ADR on failing open) and counts it.
 * <p>
 * Addresses are stored and looked up in one canonical form ({@link IpAddresses}), whatever way an
 * admin or a proxy spelled them; entries written before that are rewritten at start-up. Temporary
 * blocks and failure counts use the client's {@link ClientAddress#key() key}: an IPv6 client's /64
 * (configurable), so rotating addresses inside it neither resets the count nor escapes the block.
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

    public enum Verdict {
        ALLOWED,
        BLOCKED,
        TEMPORARILY_BLOCKED
    }

    public record Entry(String ip, String reason, Instant blockedAt, Instant expiresAt) {}

    private final ReactiveStringRedisTemplate redis;
    private final ShopGatewayProperties.AuthFailures authFailures;
    private final Counter redisUnavailable;
    private final Counter temporaryBlocks;
    private final Cache<ClientAddress, Verdict> verdicts;
    private final int ipv6PrefixLength;

    public IpBlocklist(ReactiveStringRedisTemplate redis, ShopGatewayProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.verdicts = Caffeine.newBuilder()
                .expireAfterWrite(properties.blocklist().cacheTtl())
                .maximumSize(properties.blocklist().cacheSize())
                .build();
        this.authFailures = properties.authFailures();
        this.ipv6PrefixLength = properties.clientAddress().ipv6PrefixLength();
        this.redisUnavailable = Counter.builder("shop.gateway.redis.unavailable")
                .tag("use", "blocklist")
                .description("Blocklist checks skipped because Redis did not answer")
                .register(meters);
        this.temporaryBlocks = Counter.builder("shop.gateway.auth.failure.blocks")
                .description("IPs temporarily blocked after repeated failed authentications")
                .register(meters);
    }

    public Mono<Verdict> check(ClientAddress client) {
        var known = verdicts.getIfPresent(client);
        if (known != null) {
            return Mono.just(known);
        }
        return ask(client).doOnNext(verdict -> verdicts.put(client, verdict));
    }

    private Mono<Verdict> ask(ClientAddress client) {
        return redis.opsForValue()
                .multiGet(List.of(BLOCKED + client.ip(), AUTH_BLOCK + client.key()))
                .map(values -> {
                    if (values.get(0) != null) {
                        return Verdict.BLOCKED;
                    }
                    return values.get(1) != null ? Verdict.TEMPORARILY_BLOCKED : Verdict.ALLOWED;
                })
                .onErrorResume(ex -> {
                    redisUnavailable.increment();
                    log.warn("blocklist check skipped, Redis unavailable: {}", ex.toString());
                    return Mono.just(Verdict.ALLOWED);
                });
    }

    /** @param address an IP literal in any spelling (validated by the caller) */
    public Mono<Entry> block(String address, String reason, Duration ttl) {
        var ip = canonical(address);
        var now = Instant.now();
        var value = now + "|" + (reason == null ? "" : reason.replace("|", "/"));
        var key = BLOCKED + ip;
        var write = ttl == null
                ? redis.opsForValue().set(key, value)
                : redis.opsForValue().set(key, value, ttl);
        return write.doOnSuccess(done -> forgetVerdicts(ip))
                .thenReturn(new Entry(ip, reason, now, ttl == null ? null : now.plus(ttl)));
    }

    /** Lifts the admin block of the address and the temporary block of its key (its IPv6 network). */
    public Mono<Boolean> unblock(String address) {
        var ip = canonical(address);
        var key = IpAddresses.network(IpAddresses.parse(ip).orElseThrow(), ipv6PrefixLength);
        return redis.delete(BLOCKED + ip, AUTH_BLOCK + key, AUTH_FAILURES + key)
                .doOnSuccess(done -> verdicts.asMap()
                        .keySet()
                        .removeIf(c -> c.ip().equals(ip) || c.key().equals(key)))
                .map(deleted -> deleted > 0);
    }

    public Flux<Entry> list(int limit) {
        return redis.scan(ScanOptions.scanOptions()
                        .match(BLOCKED + "*")
                        .count(500)
                        .build())
                .take(limit)
                .concatMap(key -> Mono.zip(
                                redis.opsForValue().get(key),
                                redis.getExpire(key).defaultIfEmpty(Duration.ZERO))
                        .map(t -> entry(displayed(key.substring(BLOCKED.length())), t.getT1(), t.getT2())));
    }

    /**
     * Rewrites admin entries stored under a non-canonical spelling (before addresses were normalized,
     * {@code 2001:DB8::1} was stored as typed and never matched). An entry already present under the
     * canonical name wins. Runs once at start-up; a Redis outage only postpones it to the next start.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void normalizeStoredEntries() {
        redis.scan(ScanOptions.scanOptions().match(BLOCKED + "*").count(500).build())
                .filter(key -> !displayed(key.substring(BLOCKED.length())).equals(key.substring(BLOCKED.length())))
                .concatMap(key -> redis.renameIfAbsent(key, BLOCKED + displayed(key.substring(BLOCKED.length())))
                        .flatMap(renamed -> renamed ? Mono.just(1L) : redis.delete(key))
                        .doOnNext(done -> log.info("blocklist entry {} stored under its canonical address", key)))
                .then()
                .doOnSuccess(done -> verdicts.invalidateAll())
                .onErrorResume(ex -> {
                    log.warn("blocklist entries not normalized, Redis unavailable: {}", ex.toString());
                    return Mono.empty();
                })
                .subscribe();
    }

    private static String canonical(String address) {
        return IpAddresses.canonical(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address));
    }

    /** Canonical when it parses; a stored key we cannot parse is shown as it is. */
    private static String displayed(String stored) {
        return IpAddresses.canonical(stored).orElse(stored);
    }

    private void forgetVerdicts(String ip) {
        verdicts.asMap().keySet().removeIf(client -> client.ip().equals(ip));
    }

    /**
     * One failed authentication from {@code client}; past the threshold within the window its key
     * (IPv4 address or IPv6 network) is refused for {@code blockFor}. Counting is fixed-window per
     * key (INCR + EXPIRE).
     */
    public Mono<Void> recordFailedAuthentication(ClientAddress client) {
        var ip = client.key();
        var key = AUTH_FAILURES + ip;
        return redis.opsForValue()
                .increment(key)
                .flatMap(count -> {
                    Mono<Boolean> expire = count == 1 ? redis.expire(key, authFailures.window()) : Mono.just(true);
                    if (count < authFailures.threshold()) {
                        return expire.then();
                    }
                    temporaryBlocks.increment();
                    log.warn("blocking {} for {} after {} failed authentications", ip, authFailures.blockFor(), count);
                    return expire.then(redis.opsForValue()
                                    .set(AUTH_BLOCK + ip, Instant.now().toString(), authFailures.blockFor()))
                            .then(redis.delete(key))
                            .doOnSuccess(done -> verdicts.asMap()
                                    .keySet()
                                    .removeIf(c -> c.key().equals(ip)))
                            .then();
                })
                .onErrorResume(ex -> {
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
