package dev.prodev.shop.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import dev.prodev.shop.messaging.outbox.OutboxRelay;
import dev.prodev.shop.test.TestTokens;
import dev.prodev.shop.test.TopicReader;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14 finding 7: a row the broker refuses (larger than the producer's max.request.size, 1 MiB)
 * is parked after max-attempts failed publishes; its key waits behind it, other keys flow, the
 * metric reports it, and admins list, retry and skip it next to the dead letters.
 */
class OutboxParkingIT extends MessagingIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PARKED_PATH = "/api/v1/it/admin/dead-letters/outbox";

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Tracer tracer;

    @Autowired
    ShopMessagingProperties properties;

    /** A relay as on another replica, parking after 2 attempts with short backoffs (the shared one parks after 10). */
    private OutboxRelay parkingRelay() {
        var shared = properties.outbox();
        var config = new ShopMessagingProperties.Outbox(
                false,
                shared.pollInterval(),
                shared.batchSize(),
                shared.sendTimeout(),
                Duration.ofMillis(20),
                Duration.ofMillis(50),
                shared.buckets(),
                shared.validate(),
                2);
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), publisher, tracer, config);
    }

    private UUID insertPoisonRow(String key) {
        var id = UUID.randomUUID();
        jdbc.update("""
                insert into outbox (id, topic, event_key, type, payload, occurred_at)
                values (?, ?, ?, ?, jsonb_build_object('orderId', ?::text, 'userId', 'alice-sub',
                        'email', 'alice@example.com', 'reason', repeat('x', 2000000)), now())""", id, Topics.ORDERS, key, OrderCancelled.TYPE, key);
        return id;
    }

    private boolean parked(UUID id) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("select parked_at is not null from outbox where id = ?", Boolean.class, id));
    }

    private boolean published(UUID id) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("select published_at is not null from outbox where id = ?", Boolean.class, id));
    }

    private UUID appendCancelled(UUID orderId, String reason) {
        appendCommitted(
                Topics.ORDERS,
                orderId.toString(),
                OrderCancelled.TYPE,
                new OrderCancelled(orderId, "alice-sub", "alice@example.com", reason));
        return jdbc.queryForObject(
                "select id from outbox where event_key = ? and payload->>'reason' = ?",
                UUID.class,
                orderId.toString(),
                reason);
    }

    @Test
    void aRowTheBrokerRefusesIsParkedItsKeyWaitsOtherKeysFlowAndAdminsRetryOrSkipIt() throws Exception {
        var blockedOrder = UUID.randomUUID();
        var otherOrder = UUID.randomUUID();
        var poison = insertPoisonRow(blockedOrder.toString());
        var behind = appendCancelled(blockedOrder, "behind the poison");
        var other = appendCancelled(otherOrder, "another key");
        var relay = parkingRelay();

        await().atMost(WAIT).until(() -> {
            relay.publishRound();
            return parked(poison);
        });

        // other keys keep flowing; the parked row's key waits behind it
        await().atMost(WAIT).until(() -> published(other));
        for (int round = 0; round < 5; round++) {
            relay.publishRound();
        }
        assertThat(published(behind))
                .as("a later event of the parked key is not published")
                .isFalse();
        assertThat(published(poison)).isFalse();
        assertThat(metric("shop_outbox_parked")).isGreaterThanOrEqualTo(1);

        // admins only
        assertThat(http("GET", PARKED_PATH, TestTokens.bearer("alice", "customer"))
                        .statusCode())
                .isEqualTo(403);
        var admin = TestTokens.bearer("admin", "admin");
        var list = http("GET", PARKED_PATH + "?size=100", admin);
        assertThat(list.statusCode()).isEqualTo(200);
        var items = JSON.readTree(list.body()).get("items");
        assertThat(items.valueStream().map(i -> i.get("id").asString())).contains(poison.toString());
        assertThat(list.body()).as("no payload in the listing").doesNotContain("xxxxxxxx");
        assertThat(items.valueStream()
                        .filter(i -> i.get("id").asString().equals(poison.toString()))
                        .findFirst()
                        .orElseThrow()
                        .get("lastError")
                        .asString())
                .contains("RecordTooLarge");

        // retry: back to the relay, which fails it again until it parks again
        assertThat(http("POST", PARKED_PATH + "/" + poison + "/retry", admin).statusCode())
                .isEqualTo(200);
        assertThat(parked(poison)).isFalse();
        await().atMost(WAIT).until(() -> {
            relay.publishRound();
            return parked(poison);
        });

        // skip: never published, and the key flows again
        assertThat(http("POST", PARKED_PATH + "/" + poison + "/skip", admin).statusCode())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> {
            relay.publishRound();
            return published(behind);
        });
        assertThat(TopicReader.await(
                        bootstrapServers(),
                        Topics.ORDERS,
                        1,
                        r -> blockedOrder.toString().equals(r.key()),
                        WAIT))
                .singleElement()
                .satisfies(r -> assertThat(header(r, "ce_id")).isEqualTo(behind.toString()));
        assertThat(http("POST", PARKED_PATH + "/" + poison + "/skip", admin).statusCode())
                .isEqualTo(404);
        assertThat(http("POST", PARKED_PATH + "/" + UUID.randomUUID() + "/retry", admin)
                        .statusCode())
                .isEqualTo(404);
    }
}
