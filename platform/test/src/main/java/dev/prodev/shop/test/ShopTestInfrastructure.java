package dev.prodev.shop.test;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one switch for every service's integration tests: import it into a
 * {@code @SpringBootTest} (or use {@link ShopIntegrationTest}) and the application's ordinary
 * configuration connects to real PostgreSQL, Kafka and Redis, either in Docker containers or on
 * local services, as {@link InfrastructureMode#current()} decides. A resource is wired only
 * when the service has the matching client on its classpath.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({
    ShopTestInfrastructure.DockerPostgres.class,
    ShopTestInfrastructure.DockerKafka.class,
    ShopTestInfrastructure.DockerRedis.class,
    ShopTestInfrastructure.LocalPostgresConnection.class,
    ShopTestInfrastructure.LocalKafkaConnection.class,
    ShopTestInfrastructure.LocalRedisConnection.class
})
public class ShopTestInfrastructure {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String KAFKA_IMAGE = "apache/kafka-native:4.1.1";
    static final String REDIS_IMAGE = "redis:7-alpine";

    static class OnDocker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return InfrastructureMode.current() == InfrastructureMode.DOCKER;
        }
    }

    static class OnLocal implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return InfrastructureMode.current() == InfrastructureMode.LOCAL;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(OnDocker.class)
    @ConditionalOnClass(name = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
    static class DockerPostgres {
        @Bean
        @ServiceConnection
        PostgreSQLContainer postgresContainer() {
            return new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(OnDocker.class)
    @ConditionalOnClass(name = "org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails")
    static class DockerKafka {
        @Bean
        @ServiceConnection
        KafkaContainer kafkaContainer() {
            return new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(OnDocker.class)
    @ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
    static class DockerRedis {
        @Bean
        @ServiceConnection(name = "redis")
        GenericContainer<?> redisContainer() {
            return new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(6379);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(OnLocal.class)
    @ConditionalOnClass(name = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
    static class LocalPostgresConnection {
        @Bean
        JdbcConnectionDetails localPostgresConnectionDetails() {
            var pg = LocalPostgres.freshDatabase();
            return new JdbcConnectionDetails() {
                @Override
                public String getUsername() {
                    return pg.username();
                }

                @Override
                public String getPassword() {
                    return pg.password();
                }

                @Override
                public String getJdbcUrl() {
                    return pg.jdbcUrl();
                }
            };
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(OnLocal.class)
    @ConditionalOnClass(name = "org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails")
    static class LocalKafkaConnection {
        @Bean
        KafkaConnectionDetails localKafkaConnectionDetails() {
            var servers = List.of(LocalKafka.bootstrapServers().split(","));
            return () -> servers;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(OnLocal.class)
    @ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
    static class LocalRedisConnection {
        @Bean
        DataRedisConnectionDetails localRedisConnectionDetails() {
            var host = LocalRedis.host();
            var port = LocalRedis.port();
            return new DataRedisConnectionDetails() {
                @Override
                public Standalone getStandalone() {
                    return Standalone.of(host, port);
                }
            };
        }
    }
}
