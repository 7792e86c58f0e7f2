package dev.prodev.shop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.notification.inapp.Notification;
import dev.prodev.shop.notification.inapp.NotificationKind;
import dev.prodev.shop.notification.inapp.NotificationRepository;
import dev.prodev.shop.test.KafkaEssentials;
import dev.prodev.shop.test.ServiceEssentials;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Notification service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
@ShopIntegrationTest
class NotificationServiceIT implements ServiceEssentials, KafkaEssentials {

    @Autowired
    NotificationRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayOwnsTheSchema() {
        var applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(applied).startsWith("1", "2");
        for (var table : new String[] {"notification", "delivery", "recipient", "customer_order", "erased_user"}) {
            assertThat(jdbc.queryForObject(
                            "select count(*) from information_schema.tables where table_name = ?",
                            Integer.class,
                            table))
                    .as(table)
                    .isEqualTo(1);
        }
    }

    @Test
    void storesAndReadsBackANotification() {
        var saved = repository.saveAndFlush(new Notification(
                UUID.randomUUID(),
                "alice",
                NotificationKind.ORDER_CONFIRMED,
                UUID.randomUUID(),
                "Order confirmed",
                "Your order is confirmed.",
                UUID.randomUUID().toString(),
                Instant.now()));
        var found = repository.findById(saved.getId()).orElseThrow();
        assertThat(found.getSubject()).isEqualTo(saved.getSubject());
        assertThat(found.getKind()).isEqualTo(NotificationKind.ORDER_CONFIRMED);
        assertThat(jdbc.queryForObject("select count(*) from notification where id = ?", Integer.class, saved.getId()))
                .isEqualTo(1);
    }
}
