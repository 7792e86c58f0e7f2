package dev.prodev.shop.notification;

import dev.prodev.shop.test.ShopTestInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * Runs notification-service on your machine against the same real infrastructure as its integration tests
 * (the platform/test switch: Testcontainers with Docker, otherwise the local PostgreSQL and Redis
 * with a fresh database and an in-JVM Kafka broker), so one service can be tried without
 * {@code deploy/local/up}: {@code ./mvnw -pl notification-service -am spring-boot:test-run}
 * (docs/local-platform.md). Its own configuration is unchanged; only the connections come from
 * {@link ShopTestInfrastructure}.
 */
public class TestNotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(NotificationServiceApplication::main)
                .with(ShopTestInfrastructure.class)
                .run(args);
    }
}
