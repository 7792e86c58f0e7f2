package dev.prodev.shop.web.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code shop-service-defaults.yml} as the lowest-precedence configuration of every
 * service: actuator probes, Prometheus, tracing to Zipkin, JSON logs, Kafka observation, the
 * Keycloak issuer. A service's own {@code application.yml} and the environment override any of it.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS = "shop-service-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (var source :
                    new YamlPropertySourceLoader().load("shop-service-defaults", new ClassPathResource(DEFAULTS))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, ex);
        }
    }
}
