package dev.prodev.shop.messaging.config;

import java.util.ArrayList;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Adds {@value #LOCATION} (outbox, inbox, dead_letter, shedlock; versions from 1000) to the
 * service's Flyway locations, so its own migrations (versions below 1000) and ours run in one
 * history. Out-of-order is on by default: a service's V7 written after V1000 was applied must
 * still run.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
@ConditionalOnProperty(prefix = "shop.messaging.flyway", name = "enabled", havingValue = "true", matchIfMissing = true)
public class MessagingFlywayAutoConfiguration {

    public static final String LOCATION = "classpath:db/messaging";

    @Bean
    FlywayConfigurationCustomizer shopMessagingFlywayLocation(Environment environment) {
        boolean outOfOrder = environment.getProperty("shop.messaging.flyway.out-of-order", Boolean.class, true);
        return configuration -> {
            var locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
            if (locations.stream()
                    .noneMatch(location -> location.getDescriptor().equals(LOCATION))) {
                locations.add(new Location(LOCATION));
            }
            configuration.locations(locations.toArray(Location[]::new));
            if (outOfOrder) {
                configuration.outOfOrder(true);
            }
        };
    }
}
