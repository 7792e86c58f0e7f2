package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.order.OrderIntegrationTest.OrderServiceIntegrationTest;
import dev.prodev.shop.order.orders.Order;
import dev.prodev.shop.order.orders.OrderLineItem;
import dev.prodev.shop.order.orders.OrderRepository;
import dev.prodev.shop.order.orders.OrderStatus;
import dev.prodev.shop.test.KafkaEssentials;
import dev.prodev.shop.test.ServiceEssentials;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Order service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
@OrderServiceIntegrationTest
class OrderServiceIT extends OrderIntegrationTest implements ServiceEssentials, KafkaEssentials {

    @Autowired
    OrderRepository repository;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void flywayOwnsTheSchemaWithTheMessagingTablesBeside() {
        var applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(applied).startsWith("1", "2");
        for (var table : List.of(
                "customer_order",
                "order_line",
                "order_transition",
                "idempotency_key",
                "product_price",
                "outbox",
                "inbox",
                "shedlock")) {
            assertThat(jdbc.queryForObject(
                            "select count(*) from information_schema.tables where table_name = ?",
                            Integer.class,
                            table))
                    .as(table)
                    .isEqualTo(1);
        }
    }

    @Test
    void storesAnOrderWithItsLinesAndTimelineAndReadsItBack() {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            var order = Order.place(
                    id,
                    "alice",
                    "alice@example.com",
                    List.of(new OrderLineItem(UUID.randomUUID(), "SKU-1", "Mug", 2, new BigDecimal("89.90"), "EUR")),
                    now,
                    now.plusSeconds(30));
            order.stockReserved(now, now.plusSeconds(60));
            repository.saveAndFlush(order);
        });
        transactions.executeWithoutResult(status -> {
            var found = repository.findById(id).orElseThrow();
            assertThat(found.getTotalAmount()).isEqualByComparingTo("179.80");
            assertThat(found.getStatus()).isEqualTo(OrderStatus.STOCK_RESERVED);
            assertThat(found.getLines()).hasSize(1);
            assertThat(found.getTimeline())
                    .extracting(t -> t.getTo())
                    .containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED);
        });
        assertThat(jdbc.queryForObject("select status from customer_order where id = ?", String.class, id))
                .isEqualTo("STOCK_RESERVED");
    }

    @Test
    void exposesTheSagaMetrics() throws Exception {
        var mug = product("1.00");
        var orderId = place(ALICE, lines(mug, 1));
        assertThat(post("/api/v1/orders/" + orderId + "/cancel", ALICE, null, "")
                        .statusCode())
                .isEqualTo(200);
        var metrics = ServiceEssentials.get(port, "/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("shop_orders_placed_total\\{[^}]*application=\"order-service\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("shop_orders_cancelled_total\\{[^}]*reason=\"customer\"[^}]*\\} [1-9]");
        // a histogram, so p99 placed -> ended can be computed across replicas
        assertThat(metrics).containsPattern("shop_orders_saga_duration_seconds_bucket\\{[^}]*outcome=\"cancelled\"");
    }
}
