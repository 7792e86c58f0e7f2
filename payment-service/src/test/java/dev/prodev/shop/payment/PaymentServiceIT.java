package dev.prodev.shop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.payment.payments.Payment;
import dev.prodev.shop.payment.payments.PaymentRepository;
import dev.prodev.shop.payment.payments.PaymentStatus;
import dev.prodev.shop.test.KafkaEssentials;
import dev.prodev.shop.test.ServiceEssentials;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Payment service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
class PaymentServiceIT extends PaymentIntegrationTest implements ServiceEssentials, KafkaEssentials {

    @Autowired
    PaymentRepository repository;

    @Test
    void flywayOwnsTheSchema() {
        var applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(applied).contains("1", "2");
        for (var table : new String[] {"payment", "refund", "webhook_event"}) {
            assertThat(jdbc.queryForObject(
                            "select count(*) from information_schema.tables where table_name = ?",
                            Integer.class,
                            table))
                    .as(table)
                    .isEqualTo(1);
        }
    }

    @Test
    void storesAndReadsBackAPayment() {
        var saved = repository.saveAndFlush(
                Payment.start(UUID.randomUUID(), "alice", Money.of("179.80", "EUR"), "simulator"));
        var found = repository.findByOrderId(saved.getOrderId()).orElseThrow();
        assertThat(found.getAmount()).isEqualByComparingTo(new BigDecimal("179.80"));
        assertThat(found.getStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(found.getProviderReference()).isEqualTo("shop-" + saved.getOrderId());
        assertThat(jdbc.queryForObject("select count(*) from payment where id = ?", Integer.class, saved.getId()))
                .isEqualTo(1);
    }

    @Test
    void documentsItsApiInOpenApi() throws Exception {
        var response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "/api/v1/payments/{orderId}",
                        "/api/v1/payments/{orderId}/refund",
                        "/api/v1/payments/webhooks/{provider}");
    }

    @Test
    void refusesASecondPaymentForTheSameOrder() {
        var orderId = UUID.randomUUID();
        repository.saveAndFlush(Payment.start(orderId, "alice", Money.of("10.00", "ETB"), "simulator"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        repository.saveAndFlush(Payment.start(orderId, "alice", Money.of("10.00", "ETB"), "simulator")))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }
}
