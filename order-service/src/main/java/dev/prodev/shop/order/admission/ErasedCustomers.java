package dev.prodev.shop.order.admission;

import java.sql.Timestamp;
import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tombstones of deleted accounts. Deleting a Keycloak user does not revoke the access tokens
 * already issued, so for a while a token of an erased customer still validates; order-service
 * refuses it (401) until the tombstone expires ({@code shop.orders.erasure.tombstone-ttl},
 * longer than a token lives), then purges the row so no list of erased ids grows forever.
 */
@Component
public class ErasedCustomers {

    private static final Logger log = LoggerFactory.getLogger(ErasedCustomers.class);

    private final JdbcTemplate jdbc;
    private final AdmissionProperties properties;
    private final Clock clock;

    ErasedCustomers(JdbcTemplate jdbc, AdmissionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Records that {@code customerId} was erased; a repeat extends the tombstone. Joins the caller's transaction. */
    @Transactional
    public void record(String customerId) {
        var now = clock.instant();
        jdbc.update(
                """
                insert into erased_customer (customer_id, erased_at, expires_at) values (?, ?, ?)
                on conflict (customer_id) do update set erased_at = excluded.erased_at, expires_at = excluded.expires_at""",
                customerId,
                Timestamp.from(now),
                Timestamp.from(now.plus(properties.erasure().tombstoneTtl())));
    }

    /** Whether a live tombstone names {@code customerId}. */
    public boolean isErased(String customerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from erased_customer where customer_id = ? and expires_at > ?)",
                Boolean.class,
                customerId,
                Timestamp.from(clock.instant())));
    }

    @Scheduled(fixedDelayString = "${shop.orders.erasure.purge-interval:PT5M}")
    @SchedulerLock(name = "order-erased-customer-purge", lockAtMostFor = "PT5M")
    public void purgeExpired() {
        var purged = jdbc.update("delete from erased_customer where expires_at <= ?", Timestamp.from(clock.instant()));
        if (purged > 0) {
            log.info("purged {} expired tombstone(s) of erased customers", purged);
        }
    }
}
