package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.order.orders.Order;
import dev.prodev.shop.order.orders.OrderRepository;
import dev.prodev.shop.test.KafkaEssentials;
import dev.prodev.shop.test.ServiceEssentials;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Order service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
@ShopIntegrationTest
class OrderServiceIT implements ServiceEssentials, KafkaEssentials {

    @Autowired
    OrderRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayOwnsTheSchema() {
        var applied = jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
                String.class);
        assertThat(applied).startsWith("1");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'customer_order'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void storesAndReadsBackAOrder() {
        var saved = repository.saveAndFlush(new Order(UUID.randomUUID(), "alice", "PENDING", new BigDecimal("179.80"), "EUR"));
        var found = repository.findById(saved.getId()).orElseThrow();
        assertThat(found.getTotalAmount()).isEqualTo(saved.getTotalAmount());
        assertThat(jdbc.queryForObject("select count(*) from customer_order where id = ?", Integer.class, saved.getId()))
                .isEqualTo(1);
    }
}
