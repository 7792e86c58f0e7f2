package dev.prodev.shop.user;

import dev.prodev.shop.test.ShopTestInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * Runs user-service on your machine against the same real infrastructure as its integration tests
 * (the platform/test switch: Testcontainers with Docker, otherwise the local PostgreSQL and Redis
 * with a fresh database and an in-JVM Kafka broker), so one service can be tried without
 * {@code deploy/local/up}: {@code ./mvnw -pl user-service -am spring-boot:test-run}
 * (docs/local-platform.md). Its own configuration is unchanged; only the connections come from
 * {@link ShopTestInfrastructure}.
 */
public class TestUserServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(UserServiceApplication::main)
                .with(ShopTestInfrastructure.class)
                .run(args);
    }
}
