package dev.prodev.shop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.unit.DataSize;

/** The documented choice (ADR): with Redis unreachable, requests pass, quickly, and each one is counted. */
class TieredRateLimiterRedisDownTest {

    @Test
    void failsOpenQuicklyAndCountsWhenRedisIsDown() throws Exception {
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // free now, so nothing listens there
        }
        var factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", deadPort),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofMillis(300))
                        .clientOptions(ClientOptions.builder()
                                .socketOptions(SocketOptions.builder()
                                        .connectTimeout(Duration.ofMillis(300))
                                        .build())
                                .build())
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        try {
            var properties = new ShopGatewayProperties(
                    List.of(),
                    DataSize.ofMegabytes(1),
                    new ShopGatewayProperties.Cors(List.of(), Duration.ofHours(1)),
                    new ShopGatewayProperties.RateLimit(
                            true, new ShopGatewayProperties.Tier(1, 1), new ShopGatewayProperties.Tier(1, 1), Map.of()),
                    new ShopGatewayProperties.AuthFailures(5, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                    new ShopGatewayProperties.Resilience(Duration.ofSeconds(1), 50, 4, 4, Duration.ofSeconds(1), 10),
                    new ShopGatewayProperties.Blocklist(Duration.ofSeconds(1), 1000),
                    new ShopGatewayProperties.AddressKeys(64),
                    new ShopGatewayProperties.Management(List.of()),
                    new ShopGatewayProperties.ApiDocs(true),
                    new ShopGatewayProperties.Http(DataSize.ofKilobytes(4), DataSize.ofKilobytes(8)));
            var meters = new SimpleMeterRegistry();
            var limiter = new TieredRateLimiter(new ReactiveStringRedisTemplate(factory), properties, meters);

            limiter.take(limiter.anonymousTier(), "ip:198.51.100.1").block(Duration.ofSeconds(10)); // warm-up
            for (int i = 0; i < 3; i++) { // a bucket of 1 would refuse the 2nd call if Redis answered
                long start = System.nanoTime();
                var decision =
                        limiter.take(limiter.anonymousTier(), "ip:198.51.100.1").block(Duration.ofSeconds(5));
                assertThat(decision.allowed()).isTrue();
                // bounded by the 300 ms timeouts (Lettuce's default would be 60 s); generous for a loaded CI box
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("bounded by the Redis timeouts")
                        .isLessThan(Duration.ofSeconds(8));
            }
            assertThat(meters.get("shop.gateway.redis.unavailable")
                            .tag("use", "rate-limit")
                            .counter()
                            .count())
                    .isEqualTo(4);
        } finally {
            factory.destroy();
        }
    }
}
