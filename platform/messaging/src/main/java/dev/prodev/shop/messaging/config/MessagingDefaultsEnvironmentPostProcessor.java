package dev.prodev.shop.messaging.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code shop-messaging-defaults.yml} at the lowest precedence: consumers read String keys
 * and byte[] values (the CloudEvent data, parsed by {@code IncomingEvent}), in a consumer group
 * named after the service, from the earliest offset when the group is new.
 */
public class MessagingDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS = "shop-messaging-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (var source :
                    new YamlPropertySourceLoader().load("shop-messaging-defaults", new ClassPathResource(DEFAULTS))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, ex);
        }
    }
}
