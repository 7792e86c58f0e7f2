package dev.prodev.shop.notification.email;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queue depth of the email channel, read from the table at scrape time so every replica reports
 * the same truth: {@code shop_notification_deliveries{status="pending|dead"}} and
 * {@code shop_notification_delivery_oldest_pending_age_seconds}. Dead deliveries are this
 * service's dead letters for SMTP (Kafka's are {@code shop_dead_letters}).
 */
@Component
class DeliveryMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    DeliveryMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (var status : new DeliveryStatus[] {DeliveryStatus.PENDING, DeliveryStatus.DEAD}) {
            Gauge.builder("shop.notification.deliveries", () -> count(status))
                    .description("Email deliveries by status (pending: waiting to be sent; dead: gave up, redrive)")
                    .tag("channel", "email")
                    .tag("status", status.name().toLowerCase())
                    .register(registry);
        }
        Gauge.builder("shop.notification.delivery.oldest.pending.age", this::oldestPendingAgeSeconds)
                .description("Age of the oldest email still waiting to be sent")
                .baseUnit("seconds")
                .tag("channel", "email")
                .register(registry);
    }

    private double count(DeliveryStatus status) {
        try {
            return jdbc.queryForObject("select count(*) from delivery where status = ?", Long.class, status.name());
        } catch (RuntimeException ex) {
            return Double.NaN; // database unreachable: report "unknown", never a false zero
        }
    }

    private double oldestPendingAgeSeconds() {
        try {
            var age = jdbc.queryForObject(
                    "select coalesce(extract(epoch from now() - min(created_at)), 0) from delivery where status = 'PENDING'",
                    Double.class);
            return age == null ? 0 : age;
        } catch (RuntimeException ex) {
            return Double.NaN;
        }
    }
}
