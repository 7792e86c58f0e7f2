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
import org.springframework.jdbc.core.JdbcTemplate;

/** Catalog service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
@ShopIntegrationTest
class CatalogServiceIT implements ServiceEssentials, KafkaEssentials {

    @Autowired
    ProductRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayOwnsTheSchema() {
        var applied = jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
                String.class);
        assertThat(applied).startsWith("1");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'product'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void storesAndReadsBackAProduct() {
        var saved = repository.saveAndFlush(new Product(UUID.randomUUID(), "SKU-" + UUID.randomUUID(), "Mechanical keyboard", new BigDecimal("89.90"), "EUR"));
        var found = repository.findById(saved.getId()).orElseThrow();
        assertThat(found.getPriceAmount()).isEqualTo(saved.getPriceAmount());
        assertThat(jdbc.queryForObject("select count(*) from product where id = ?", Integer.class, saved.getId()))
                .isEqualTo(1);
    }
}
