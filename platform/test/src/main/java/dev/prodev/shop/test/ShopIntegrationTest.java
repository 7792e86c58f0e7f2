package dev.prodev.shop.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring Boot integration test against real PostgreSQL, Kafka and Redis, chosen by the
 * {@link ShopTestInfrastructure} switch. Spans are not exported to Zipkin (add {@code @AutoConfigureTracing} to assert propagation).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@Import(ShopTestInfrastructure.class)
@TestPropertySource(
        properties = {
            "management.tracing.export.enabled=false",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.state.change.logger=WARN",
            "logging.structured.format.console="
        })
public @interface ShopIntegrationTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.RANDOM_PORT;

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
