package dev.prodev.shop.test;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Which real infrastructure the integration tests of this JVM run against.
 *
 * <p>Chosen once per JVM by {@code shop.test.infrastructure} (system property) or
 * {@code SHOP_TEST_INFRA} (environment): {@code docker}, {@code local} or {@code auto} (the
 * default: Docker when a Docker engine answers, otherwise local services). Forcing a mode that
 * cannot work fails the tests; nothing is ever skipped.
 */
public enum InfrastructureMode {

    /** Testcontainers: PostgreSQL, Kafka and Redis containers through {@code @ServiceConnection}. */
    DOCKER,

    /**
     * The local PostgreSQL and Redis ({@code deploy/local/infra up}), a fresh database per test
     * run, and an in-JVM KRaft Kafka broker.
     */
    LOCAL;

    private static volatile InfrastructureMode selected;

    public static InfrastructureMode current() {
        var mode = selected;
        if (mode == null) {
            synchronized (InfrastructureMode.class) {
                mode = selected;
                if (mode == null) {
                    mode = select();
                    selected = mode;
                    System.out.println("[shop-test] integration-test infrastructure: " + mode + " (requested '"
                            + requested() + "', set shop.test.infrastructure or SHOP_TEST_INFRA to change)");
                }
            }
        }
        return mode;
    }

    static String requested() {
        var value = System.getProperty("shop.test.infrastructure", System.getenv("SHOP_TEST_INFRA"));
        return value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static InfrastructureMode select() {
        return switch (requested()) {
            case "docker" -> {
                if (!dockerAvailable()) {
                    throw new IllegalStateException("shop.test.infrastructure=docker but no Docker engine answers. "
                            + "Start Docker, or run the tests against local services: deploy/local/infra up && "
                            + "SHOP_TEST_INFRA=local ./mvnw verify");
                }
                yield DOCKER;
            }
            case "local" -> LOCAL;
            case "auto" -> dockerAvailable() ? DOCKER : LOCAL;
            default ->
                throw new IllegalStateException(
                        "Unknown shop.test.infrastructure '" + requested() + "': use docker, local or auto");
        };
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }
}
