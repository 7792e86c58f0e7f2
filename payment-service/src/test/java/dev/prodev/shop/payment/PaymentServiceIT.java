package dev.prodev.shop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.payment.payments.Payment;
import dev.prodev.shop.payment.payments.PaymentRepository;
import dev.prodev.shop.test.KafkaEssentials;
import dev.prodev.shop.test.ServiceEssentials;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Payment service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
@ShopIntegrationTest
class PaymentServiceIT implements ServiceEssentials, KafkaEssentials {

    @Autowired
    PaymentRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayOwnsTheSchema() {
        var applied = jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
                String.class);
        assertThat(applied).startsWith("1");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'payment'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void storesAndReadsBackAPayment() {
        var saved = repository.saveAndFlush(new Payment(UUID.randomUUID(), UUID.randomUUID(), new BigDecimal("179.80"), "EUR", "AUTHORIZED"));
        var found = repository.findById(saved.getId()).orElseThrow();
        assertThat(found.getAmount()).isEqualTo(saved.getAmount());
        assertThat(jdbc.queryForObject("select count(*) from payment where id = ?", Integer.class, saved.getId()))
                .isEqualTo(1);
    }
}
