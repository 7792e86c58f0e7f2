package dev.prodev.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.catalog.product.Product;
import dev.prodev.shop.catalog.product.ProductRepository;
import dev.prodev.shop.test.KafkaEssentials;
import dev.prodev.shop.test.ServiceEssentials;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Catalog service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
@ShopIntegrationTest
class CatalogServiceIT implements ServiceEssentials, KafkaEssentials {

    @Autowired
    ProductRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayOwnsTheSchemaWithTheMessagingTables() {
        var applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(applied).contains("1", "2", "1000");
        for (var table :
                new String[] {"product", "category", "stock", "stock_reservation", "outbox", "inbox", "shedlock"}) {
            assertThat(jdbc.queryForObject(
                            "select count(*) from information_schema.tables where table_name = ?",
                            Integer.class,
                            table))
                    .as(table)
                    .isEqualTo(1);
        }
    }

    @Test
    void storesAndReadsBackAProductWithItsAttributesAndImages() {
        var product = new Product(
                UUID.randomUUID(), "SKU-" + UUID.randomUUID(), "Mechanical keyboard", new BigDecimal("89.90"), "EUR");
        product.update(
                "Mechanical keyboard",
                "Brown switches",
                null,
                new BigDecimal("89.90"),
                "EUR",
                java.util.Map.of("switch", "brown", "keys", 87),
                java.util.List.of("https://img.example.com/kb.jpg"));
        var saved = repository.saveAndFlush(product);
        var found = repository.findById(saved.getId()).orElseThrow();
        assertThat(found.getPriceAmount()).isEqualByComparingTo("89.90");
        assertThat(found.getAttributes()).containsEntry("switch", "brown").containsEntry("keys", 87);
        assertThat(found.getImageUrls()).containsExactly("https://img.example.com/kb.jpg");
        assertThat(jdbc.queryForObject(
                        "select attributes->>'switch' from product where id = ?", String.class, saved.getId()))
                .isEqualTo("brown");
    }

    @Test
    void deadLettersOfTheStockConsumerAreForAdminsOnly(
            @org.springframework.beans.factory.annotation.Value("${local.server.port}") int port) throws Exception {
        var path = "/api/v1/products/admin/dead-letters";
        assertThat(ServiceEssentials.get(port, path, CatalogFixtures.ADMIN).statusCode())
                .isEqualTo(200);
        assertThat(ServiceEssentials.get(port, path, CatalogFixtures.CUSTOMER).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theDatabaseItselfRefusesNegativeOrOverReservedStock() {
        var product = repository.saveAndFlush(
                new Product(UUID.randomUUID(), "SKU-" + UUID.randomUUID(), "Guarded", BigDecimal.ONE, "ETB"));
        jdbc.update("insert into stock (product_id, on_hand, reserved) values (?, 2, 0)", product.getId());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.update("update stock set reserved = 3 where product_id = ?", product.getId()))
                .isInstanceOf(DataIntegrityViolationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.update("update stock set on_hand = -1 where product_id = ?", product.getId()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
