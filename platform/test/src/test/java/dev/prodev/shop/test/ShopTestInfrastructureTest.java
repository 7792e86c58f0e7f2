package dev.prodev.shop.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.context.ContextCustomizer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The switch's conditions, tested like a Spring Boot auto-configuration: for the path this
 * machine takes, exactly the connections a service has a client for, and none of the other path.
 * Beans are lazy here, so nothing is started: no container, no database, no broker.
 */
class ShopTestInfrastructureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(LazyInitializationBeanFactoryPostProcessor.class)
            .withUserConfiguration(ShopTestInfrastructure.class);

    @Test
    void wiresPostgresKafkaAndRedisOnThePathTheSwitchChose() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            if (InfrastructureMode.current() == InfrastructureMode.LOCAL) {
                assertThat(context)
                        .hasBean("localPostgresConnectionDetails")
                        .hasBean("localKafkaConnectionDetails")
                        .hasBean("localRedisConnectionDetails")
                        .doesNotHaveBean(PostgreSQLContainer.class)
                        .doesNotHaveBean(KafkaContainer.class)
                        .doesNotHaveBean(GenericContainer.class);
                assertThat(context)
                        .hasSingleBean(JdbcConnectionDetails.class)
                        .hasSingleBean(KafkaConnectionDetails.class)
                        .hasSingleBean(DataRedisConnectionDetails.class);
            } else {
                assertThat(context)
                        .hasSingleBean(PostgreSQLContainer.class)
                        .hasSingleBean(KafkaContainer.class)
                        .hasBean("redisContainer")
                        .doesNotHaveBean("localPostgresConnectionDetails")
                        .doesNotHaveBean("localKafkaConnectionDetails")
                        .doesNotHaveBean("localRedisConnectionDetails");
            }
        });
    }

    @Test
    void aServiceWithoutAKafkaClientGetsNoBroker() {
        runner.withClassLoader(new FilteredClassLoader(KafkaConnectionDetails.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(names(context))
                            .noneMatch(name -> name.toLowerCase().contains("kafka"));
                    assertThat(names(context))
                            .anyMatch(name -> name.toLowerCase().contains("postgres"));
                });
    }

    @Test
    void aServiceWithoutJdbcOrRedisGetsNeither() {
        runner.withClassLoader(new FilteredClassLoader(JdbcConnectionDetails.class, DataRedisConnectionDetails.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(names(context))
                            .noneMatch(name -> name.toLowerCase().contains("postgres"))
                            .noneMatch(name -> name.toLowerCase().contains("redis"))
                            .anyMatch(name -> name.toLowerCase().contains("kafka"));
                });
    }

    @Test
    void pointsOnlyShopIntegrationTestsAtTheTestTokenIssuer() {
        var factory = new TestTokenIssuerCustomizerFactory();
        ContextCustomizer forIt = factory.createContextCustomizer(AnnotatedIT.class, List.of());
        assertThat(forIt).isNotNull();
        assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
        assertThat(factory.createContextCustomizer(InheritsIT.class, List.of())).isEqualTo(forIt);
    }

    @ShopIntegrationTest
    static class AnnotatedIT {}

    static class InheritsIT extends AnnotatedIT {}

    static class Plain {}

    private static List<String> names(AssertableApplicationContext context) {
        return List.of(context.getBeanDefinitionNames());
    }
}
