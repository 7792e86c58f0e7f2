package dev.prodev.shop.catalog.product;

import static dev.prodev.shop.catalog.CatalogFixtures.product;
import static dev.prodev.shop.catalog.CatalogFixtures.unique;
import static dev.prodev.shop.catalog.CatalogHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.catalog.CatalogFixtures;
import dev.prodev.shop.catalog.CatalogHttp;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Redis is down (the cache points at a port where nothing listens): every read and write still
 * succeeds from PostgreSQL, quickly. Its own context, closed afterwards; its Kafka listeners stay
 * off so it does not compete with the shared context for saga commands.
 */
@ShopIntegrationTest(properties = "spring.kafka.listener.auto-startup=false")
@Import(RedisOutageIT.DeadRedis.class)
@DirtiesContext
class RedisOutageIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class DeadRedis {
        @Bean
        @Primary
        DataRedisConnectionDetails deadRedis() throws IOException {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort(); // free now, closed below: connections are refused
            }
            var closedPort = port;
            return new DataRedisConnectionDetails() {
                @Override
                public Standalone getStandalone() {
                    return Standalone.of("127.0.0.1", closedPort);
                }
            };
        }
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void productReadsAndWritesSucceedWhileRedisIsDown() {
        var http = new CatalogHttp(port);
        var fixtures = new CatalogFixtures(http);
        var sku = unique("NOREDIS");
        var id = fixtures.create(product(sku, "Served without cache", "", null, "12.00", 2))
                .get("id")
                .asString();

        for (int i = 0; i < 3; i++) {
            var started = System.nanoTime();
            var byId = http.get("/api/v1/products/" + id);
            assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
            assertThat(json(byId).get("sku").asString()).isEqualTo(sku);
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("ms per read without Redis (Lettuce's default would wait 60 s)")
                    .isLessThan(5_000);
        }
        assertThat(http.get("/api/v1/products/sku/" + sku).statusCode()).isEqualTo(200);
        var list = http.get("/api/v1/products?q=" + sku.toLowerCase());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("totalItems").asInt()).isEqualTo(1);

        var renamed = http.put(
                "/api/v1/products/" + id,
                product(sku, "Renamed without cache", "", null, "12.00", 0),
                "Authorization",
                CatalogFixtures.ADMIN,
                "If-Match",
                "\"0\"");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(http.get("/api/v1/products/" + id)).get("name").asString())
                .isEqualTo("Renamed without cache");
    }
}
