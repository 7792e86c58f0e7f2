package dev.prodev.shop.catalog;

import dev.prodev.shop.test.ShopTestInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * Runs catalog-service on your machine against the same real infrastructure as its integration tests
 * (the platform/test switch: Testcontainers with Docker, otherwise the local PostgreSQL and Redis
 * with a fresh database and an in-JVM Kafka broker), so one service can be tried without
 * {@code deploy/local/up}: {@code ./mvnw -pl catalog-service -am spring-boot:test-run}
 * (docs/local-platform.md). Its own configuration is unchanged; only the connections come from
 * {@link ShopTestInfrastructure}.
 */
public class TestCatalogServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(CatalogServiceApplication::main)
                .with(ShopTestInfrastructure.class)
                .run(args);
    }
}
