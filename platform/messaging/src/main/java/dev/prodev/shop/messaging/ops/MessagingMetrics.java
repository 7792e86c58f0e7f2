package dev.prodev.shop.messaging.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outbox lag and dead-letter depth, read from the database at scrape time (so every replica
 * reports the service-wide value; dashboards take {@code max}):
 * {@code shop_outbox_pending}, {@code shop_outbox_oldest_pending_age_seconds}, {@code shop_outbox_parked}, {@code shop_dead_letters}.
 */
public class MessagingMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(MessagingMetrics.class);

    private final JdbcTemplate jdbc;

    public MessagingMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "shop.outbox.pending",
                        () -> query(() -> jdbc.queryForObject(
                                "select count(*) from outbox where published_at is null", Double.class)))
                .description("Outbox events not yet published to Kafka")
                .register(registry);
        Gauge.builder("shop.outbox.oldest.pending.age", () -> query(() -> jdbc.queryForObject("""
                select coalesce(extract(epoch from (clock_timestamp() - min(created_at))), 0)::float8
                  from outbox where published_at is null""", Double.class)))
                .description("Age of the oldest outbox event not yet published (0 when none)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "shop.outbox.parked",
                        () -> query(() -> jdbc.queryForObject(
                                "select count(*) from outbox where parked_at is not null and published_at is null",
                                Double.class)))
                .description("Outbox events parked after max-attempts failed publishes; their keys wait for an admin")
                .register(registry);
        Gauge.builder(
                        "shop.dead.letters",
                        () -> query(() -> jdbc.queryForObject(
                                "select count(*) from dead_letter where redriven_at is null", Double.class)))
                .description("Dead letters of this service not yet redriven")
                .register(registry);
    }

    /**
     * A gauge's value read from the database at scrape time: 0 for no rows, NaN while the database
     * cannot answer (a scrape must never fail). For every service's database-backed gauges.
     */
    public static double query(Supplier<Double> query) {
        try {
            var value = query.get();
            return value == null ? 0 : value;
        } catch (RuntimeException ex) {
            log.debug("messaging metric unavailable: {}", ex.toString());
            return Double.NaN;
        }
    }
}
