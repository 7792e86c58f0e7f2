package dev.prodev.shop.order.admission;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the order saga is behind: the number of open sagas (PENDING, STOCK_RESERVED, PAID) and
 * the age of the oldest, read every {@code shop.orders.admission.refresh-interval} (250 ms) by one
 * query on the running-sagas partial index, so {@code POST /orders} only reads two fields. Its own
 * thread, so a long deadline-job run on the shared scheduler cannot leave the reading stale. A
 * failed read keeps the last one (a database that is down fails the placement anyway).
 *
 * <p>Exposed as {@code shop.orders.saga.open} and {@code shop.orders.saga.oldest.open.age}.
 */
@Component
public class SagaBacklog {

    private static final Logger log = LoggerFactory.getLogger(SagaBacklog.class);

    /** One reading: how many sagas are open and how long the oldest has been running. */
    public record Reading(long openSagas, Duration oldestAge) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private volatile Reading last = new Reading(0, Duration.ZERO);

    SagaBacklog(JdbcTemplate jdbc, Clock clock, AdmissionProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("shop.orders.saga.open", this, backlog -> backlog.last.openSagas())
                .description("Order sagas not yet CONFIRMED or CANCELLED (admission control's measure)")
                .register(registry);
        Gauge.builder(
                        "shop.orders.saga.oldest.open.age",
                        this,
                        backlog -> backlog.last.oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest order saga not yet CONFIRMED or CANCELLED")
                .baseUnit("seconds")
                .register(registry);
        refresh();
        var interval = properties.admission().refreshInterval().toMillis();
        this.refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("saga-backlog").factory());
        refresher.scheduleWithFixedDelay(this::refresh, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** The latest reading, at most one refresh interval old. */
    public Reading current() {
        return last;
    }

    void refresh() {
        try {
            last = jdbc.queryForObject("""
                    select count(*) as open, min(created_at) as oldest from customer_order
                    where status in ('PENDING', 'STOCK_RESERVED', 'PAID')""", (rs, row) -> {
                Timestamp oldest = rs.getTimestamp("oldest");
                var age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
                return new Reading(rs.getLong("open"), age.isNegative() ? Duration.ZERO : age);
            });
        } catch (RuntimeException ex) {
            log.debug("could not read the saga backlog, keeping the last reading: {}", ex.toString());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
