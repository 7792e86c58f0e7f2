package dev.prodev.shop.user.erasure;

import static dev.prodev.shop.messaging.ops.MessagingMetrics.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Erasures whose Keycloak account still exists, read from the database at scrape time (every
 * replica reports the service-wide value): {@code shop_users_erasures_pending} and
 * {@code shop_users_erasures_oldest_pending_age_seconds}. An erased person who can still log in
 * to Keycloak is a GDPR problem an SRE must see, even when the sweep keeps retrying by itself.
 */
@Component
class ErasureMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    ErasureMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "shop.users.erasures.pending",
                        () -> query(() -> jdbc.queryForObject(
                                "select count(*) from erased_subject where keycloak_deleted_at is null", Double.class)))
                .description("Erased accounts whose Keycloak deletion has not succeeded yet")
                .register(registry);
        Gauge.builder(
                        "shop.users.erasures.oldest.pending.age",
                        () -> query(() -> jdbc.queryForObject("""
                select coalesce(extract(epoch from (clock_timestamp() - min(erased_at))), 0)::float8
                  from erased_subject where keycloak_deleted_at is null""", Double.class)))
                .description("Age of the oldest erasure whose Keycloak deletion is pending (0 when none)")
                .baseUnit("seconds")
                .register(registry);
    }
}
