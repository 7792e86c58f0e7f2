package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.order.OrderIntegrationTest.OrderServiceIntegrationTest;
import dev.prodev.shop.test.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/**
 * Issue #14, finding 9: the price list is a read model of {@code shop.products} and must be
 * rebuildable from it. The topic is compacted (Topics.CONFIGS, created by platform-messaging), so
 * no time limit drops a product that has not changed for a week; a rebuild reads it from the
 * start with a fresh consumer group and finds every product in its latest state.
 */
@OrderServiceIntegrationTest
class PriceListRebuildIT extends OrderIntegrationTest {

    @Autowired
    KafkaConnectionDetails kafka;

    @Test
    void productsTopicIsCompactedWhereTheServiceCreatesIt() throws Exception {
        try (var admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers())))) {
            var products = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRODUCTS);
            var orders = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ORDERS);
            var configs = admin.describeConfigs(List.of(products, orders)).all().get();
            assertThat(configs.get(products)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(configs.get(orders)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value())
                    .as("only shop.products is compacted")
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    @Test
    void aRebuildFromTheTopicFindsEveryProductInItsLatestState() {
        var oldProduct = UUID.randomUUID();
        var changed = UUID.randomUUID();
        announce(oldProduct, "3.00", "EUR", ProductChanged.CREATED, "ACTIVE");
        announce(changed, "4.00", "EUR", ProductChanged.CREATED, "ACTIVE");
        announce(changed, "4.50", "EUR", ProductChanged.PRICE_CHANGED, "ACTIVE");

        var ids = List.of(oldProduct.toString(), changed.toString());
        var records = TopicReader.await(
                String.join(",", kafka.getBootstrapServers()),
                Topics.PRODUCTS,
                3,
                record -> ids.contains(record.key()),
                Duration.ofSeconds(30));
        Map<String, String> rebuilt = records.stream()
                .collect(Collectors.toMap(
                        record -> record.key(),
                        record -> participants
                                .data(record, ProductChanged.class)
                                .price()
                                .amount()
                                .toPlainString(),
                        (earlier, later) -> later));

        assertThat(rebuilt).containsOnlyKeys(ids);
        ids.forEach(id -> assertThat(rebuilt.get(id))
                .as("the rebuilt price of %s is the price list's", id)
                .isEqualTo(jdbc.queryForObject(
                        "select price_amount::text from product_price where product_id = ?::uuid", String.class, id)));
    }
}
