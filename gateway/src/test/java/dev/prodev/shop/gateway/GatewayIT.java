package dev.prodev.shop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.ServiceEssentials;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The gateway against real Redis (its only store): probes, metrics, problem+json 401 at the front door. */
@ShopIntegrationTest
class GatewayIT implements ServiceEssentials {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void keepsStateInARealRedis() {
        var key = "gateway-it:" + UUID.randomUUID();
        assertThat(redis.opsForValue().set(key, "1", Duration.ofSeconds(30)).block()).isTrue();
        assertThat(redis.opsForValue().get(key).block()).isEqualTo("1");
        redis.delete(key).block();
    }
}
