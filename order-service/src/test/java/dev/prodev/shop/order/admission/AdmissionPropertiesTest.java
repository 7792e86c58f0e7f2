package dev.prodev.shop.order.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The service's own application.yml binds the admission settings, with the documented defaults and env names. */
class AdmissionPropertiesTest {

    private static AdmissionProperties bind(Map<String, Object> environment) throws IOException {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("env", environment));
        new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);
        return Binder.get(env).bindOrCreate("shop.orders", AdmissionProperties.class);
    }

    @Test
    void defaultsLetDevUsersOrderAndCapEachCustomer() throws IOException {
        var properties = bind(Map.of());
        assertThat(properties.requireVerifiedEmail()).isFalse();
        assertThat(properties.limits().maxOpenOrders()).isEqualTo(10);
        assertThat(properties.limits().maxReservedUnits()).isEqualTo(100);
        assertThat(properties.erasure().tombstoneTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void prodTurnsVerificationOnThroughTheEnvironment() throws IOException {
        var properties = bind(Map.of(
                "SHOP_ORDERS_REQUIRE_VERIFIED_EMAIL",
                "true",
                "ORDER_MAX_OPEN_ORDERS",
                "3",
                "ORDER_MAX_RESERVED_UNITS",
                "7",
                "ORDER_ERASURE_TOMBSTONE_TTL",
                "PT2H"));
        assertThat(properties.requireVerifiedEmail()).isTrue();
        assertThat(properties.limits().maxOpenOrders()).isEqualTo(3);
        assertThat(properties.limits().maxReservedUnits()).isEqualTo(7);
        assertThat(properties.erasure().tombstoneTtl()).isEqualTo(Duration.ofHours(2));
    }
}
