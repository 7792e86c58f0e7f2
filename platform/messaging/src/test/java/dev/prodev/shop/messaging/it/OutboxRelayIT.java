package dev.prodev.shop.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.InvalidEventException;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.OrderLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import dev.prodev.shop.messaging.ops.MessagingCleanup;
import dev.prodev.shop.messaging.outbox.OutboxRelay;
import dev.prodev.shop.test.TestTokens;
import dev.prodev.shop.test.TopicReader;
import io.micrometer.tracing.Tracer;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

class OutboxRelayIT extends MessagingIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayIT.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MessagingCleanup cleanup;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Tracer tracer;

    @Autowired
    ShopMessagingProperties properties;

    private static OrderPlaced orderPlaced(UUID orderId) {
        var price = Money.of("19.90", "ETB");
        return new OrderPlaced(
                orderId,
                "alice-sub",
                "alice@example.com",
                List.of(new OrderLine(UUID.randomUUID(), 2, price)),
                Money.of("39.80", "ETB"));
    }

    @Test
    void appendedEventIsPublishedAsABinaryCloudEventWithItsKeyAndSchemaValidData() {
        var orderId = UUID.randomUUID();
        var placed = orderPlaced(orderId);
        appendCommitted(Topics.ORDERS, orderId.toString(), OrderPlaced.TYPE, placed);

        var record = TopicReader.await(
                        bootstrapServers(),
                        Topics.ORDERS,
                        1,
                        r -> orderId.toString().equals(r.key()),
                        WAIT)
                .getFirst();

        var rowId = jdbc.queryForObject(
                "select id::text from outbox where event_key = ?", String.class, orderId.toString());
        assertThat(header(record, "ce_id")).isEqualTo(rowId);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo(OrderPlaced.TYPE);
        assertThat(header(record, "ce_source")).isEqualTo("messaging-it");
        assertThat(header(record, "ce_subject")).isEqualTo(orderId.toString());
        assertThat(header(record, "ce_dataschema"))
                .isEqualTo(EventSchemas.dataschema(OrderPlaced.TYPE).toString());
        assertThat(OffsetDateTime.parse(header(record, "ce_time")))
                .isBefore(OffsetDateTime.now().plusSeconds(1));
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(EventSchemas.validate(OrderPlaced.TYPE, record.value())).isEmpty();
        assertThat(IncomingEvent.from(record).data(OrderPlaced.class)).isEqualTo(placed);
        assertThat(jdbc.queryForObject(
                        "select published_at is not null from outbox where id = ?::uuid", Boolean.class, rowId))
                .as("marked sent")
                .isTrue();
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        var orderId = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            outbox.append(
                    Topics.ORDERS,
                    orderId,
                    OrderCancelled.TYPE,
                    new OrderCancelled(UUID.fromString(orderId), "alice-sub", "alice@example.com", "rolled back"));
            status.setRollbackOnly();
        });
        // a later committed event of the same key lands on the same partition after anything committed before it
        appendCommitted(
                Topics.ORDERS,
                orderId,
                OrderCancelled.TYPE,
                new OrderCancelled(UUID.fromString(orderId), "alice-sub", "alice@example.com", "committed"));

        TopicReader.await(bootstrapServers(), Topics.ORDERS, 1, r -> orderId.equals(r.key()), WAIT);
        var published = TopicReader.collect(
                bootstrapServers(), Topics.ORDERS, r -> orderId.equals(r.key()), Duration.ofSeconds(2));
        assertThat(published)
                .extracting(r -> new String(r.value()))
                .singleElement()
                .asString()
                .contains("committed");
        assertThat(jdbc.queryForObject("select count(*) from outbox where event_key = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    @Test
    void appendWithoutATransactionIsRefused() {
        var orderId = UUID.randomUUID();
        assertThatThrownBy(
                        () -> outbox.append(Topics.ORDERS, orderId.toString(), OrderPlaced.TYPE, orderPlaced(orderId)))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox where event_key = ?", Integer.class, orderId.toString()))
                .isZero();
    }

    @Test
    void anEventOnAnotherTypesTopicFailsTheTransactionAndTheDerivedAppendPicksTopicAndType() {
        var wrong = UUID.randomUUID();
        assertThatThrownBy(
                        () -> appendCommitted(Topics.PAYMENTS, wrong.toString(), OrderPlaced.TYPE, orderPlaced(wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Topics.ORDERS);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox where event_key = ?", Integer.class, wrong.toString()))
                .isZero();

        var derived = UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.append(derived.toString(), orderPlaced(derived)));
        assertThat(jdbc.queryForMap("select topic, type from outbox where event_key = ?", derived.toString()))
                .containsEntry("topic", Topics.ORDERS)
                .containsEntry("type", OrderPlaced.TYPE);
        // published before the next test may point the relay at a dead broker
        await().atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                        "select published_at is not null from outbox where event_key = ?",
                        Boolean.class,
                        derived.toString()));
    }

    @Test
    void eventBreakingItsSchemaFailsTheBusinessTransaction() {
        var orderId = UUID.randomUUID();
        var noLines = new OrderPlaced(orderId, "alice-sub", "alice@example.com", List.of(), Money.of("1.00", "ETB"));
        assertThatThrownBy(() -> appendCommitted(Topics.ORDERS, orderId.toString(), OrderPlaced.TYPE, noLines))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("lines");
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox where event_key = ?", Integer.class, orderId.toString()))
                .isZero();
    }

    /**
     * The relay's producer is pointed at an address where no broker listens (a closed port): the
     * client gets "connection refused" and metadata timeouts, exactly what it sees when the broker
     * is down. (The embedded broker itself is shared by the whole test JVM, so it is not stopped.)
     */
    @Test
    void eventsAppendedWhileTheBrokerIsUnreachableAreAllPublishedOnceAndInKeyOrderWhenItReturns() throws Exception {
        var factory = (DefaultKafkaProducerFactory<String, byte[]>) publisher.producerFactory();
        var reachable = factory.getConfigurationProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        var keys = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int perKey = 5;
        factory.updateConfigs(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + deadPort));
        factory.reset();
        try {
            for (int step = 0; step < perKey; step++) {
                for (var key : keys) {
                    appendCommitted(
                            Topics.ORDERS,
                            key.toString(),
                            OrderCancelled.TYPE,
                            new OrderCancelled(key, "alice-sub", "alice@example.com", "step-" + step));
                }
            }
            var keyList = keys.stream().map(UUID::toString).toList();
            await().atMost(WAIT)
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from outbox where event_key = any(?::text[]) and attempts >= 2 and last_error is not null",
                                    Integer.class,
                                    "{" + String.join(",", keyList) + "}")
                            >= 1);
            assertThat(jdbc.queryForObject(
                            "select count(*) from outbox where event_key = any(?::text[]) and published_at is null",
                            Integer.class,
                            "{" + String.join(",", keyList) + "}"))
                    .as("nothing marked sent while the broker is unreachable")
                    .isEqualTo(keys.size() * perKey);
            assertThat(metric("shop_outbox_pending")).isGreaterThanOrEqualTo(keys.size() * perKey);
            assertThat(metric("shop_outbox_oldest_pending_age_seconds")).isPositive();
        } finally {
            factory.updateConfigs(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, reachable));
            factory.reset();
        }

        var mine = keys.stream().map(UUID::toString).collect(Collectors.toSet());
        TopicReader.await(bootstrapServers(), Topics.ORDERS, keys.size() * perKey, r -> mine.contains(r.key()), WAIT);
        var published = TopicReader.collect(
                bootstrapServers(), Topics.ORDERS, r -> mine.contains(r.key()), Duration.ofSeconds(3));
        assertThat(published).as("none lost, none doubled").hasSize(keys.size() * perKey);
        assertThat(published.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(keys.size() * perKey);
        Map<String, List<String>> stepsPerKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : published) {
            stepsPerKey
                    .computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(JSON.readTree(record.value()).get("reason").asString());
        }
        var expected = List.of("step-0", "step-1", "step-2", "step-3", "step-4");
        assertThat(stepsPerKey)
                .hasSize(keys.size())
                .allSatisfy((key, steps) -> assertThat(steps).as(key).isEqualTo(expected));
    }

    /** A second relay (as on another replica) works the same table at the same time. */
    @Test
    void twoRelaysPublishingTogetherKeepPerKeyOrderAndPublishEachEventOnce() throws Exception {
        var replica = new OutboxRelay(
                jdbc, new TransactionTemplate(transactionManager), publisher, tracer, properties.outbox());
        var running = new AtomicBoolean(true);
        var publishedByReplica = new AtomicInteger();
        var worker = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                publishedByReplica.addAndGet(replica.publishRound().published());
            }
        });
        var keys = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int perKey = 10;
        var literal = "{" + keys.stream().map(UUID::toString).collect(Collectors.joining(",")) + "}";
        try {
            for (int step = 0; step < perKey; step++) {
                for (var key : keys) {
                    appendCommitted(
                            Topics.ORDERS,
                            key.toString(),
                            OrderCancelled.TYPE,
                            new OrderCancelled(key, "alice-sub", "alice@example.com", "step-" + step));
                }
            }
            await().atMost(WAIT)
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from outbox where event_key = any(?::text[]) and published_at is not null",
                                    Integer.class,
                                    literal)
                            == keys.size() * perKey);
        } finally {
            running.set(false);
            worker.join();
        }
        assertThat(publishedByReplica.get()).as("the second relay took part").isPositive();

        var mine = keys.stream().map(UUID::toString).collect(Collectors.toSet());
        var published = TopicReader.collect(
                bootstrapServers(), Topics.ORDERS, r -> mine.contains(r.key()), Duration.ofSeconds(5));
        assertThat(published).as("each event once").hasSize(keys.size() * perKey);
        Map<String, List<String>> stepsPerKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : published) {
            stepsPerKey
                    .computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(JSON.readTree(record.value()).get("reason").asString());
        }
        var expected = java.util.stream.IntStream.range(0, perKey)
                .mapToObj(i -> "step-" + i)
                .toList();
        assertThat(stepsPerKey)
                .hasSize(keys.size())
                .allSatisfy((key, steps) -> assertThat(steps).as(key).isEqualTo(expected));
    }

    /**
     * The relay does not poll in these tests (interval 1 h): events appear on the topic only
     * because each commit wakes it. Logs the measured latency (append transaction to broker ack,
     * database clock); a benchmark, not an assertion, as the machine is shared.
     */
    @Test
    void eachCommitWakesTheRelaySoEventsArePublishedWithoutPolling() {
        for (int i = 0; i < 20; i++) { // warm-up, not measured
            var key = UUID.randomUUID();
            appendCommitted(
                    Topics.ORDERS,
                    key.toString(),
                    OrderCancelled.TYPE,
                    new OrderCancelled(key, "alice-sub", "alice@example.com", "warm-up"));
        }
        var keys = new ArrayList<String>();
        for (int i = 0; i < 100; i++) {
            var key = UUID.randomUUID().toString();
            appendCommitted(
                    Topics.ORDERS,
                    key,
                    OrderCancelled.TYPE,
                    new OrderCancelled(UUID.fromString(key), "alice-sub", "alice@example.com", "latency"));
            keys.add(key);
        }
        var literal = "{" + String.join(",", keys) + "}";
        await().atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "select count(*) from outbox where event_key = any(?::text[]) and published_at is not null",
                                Integer.class,
                                literal)
                        == keys.size());
        var mine = Set.copyOf(keys);
        assertThat(TopicReader.await(bootstrapServers(), Topics.ORDERS, keys.size(), r -> mine.contains(r.key()), WAIT))
                .hasSize(keys.size());
        var latency = jdbc.queryForMap("""
                select percentile_cont(0.5) within group (order by ms) as p50,
                       percentile_cont(0.99) within group (order by ms) as p99, max(ms) as max
                  from (select extract(epoch from (published_at - created_at)) * 1000 as ms
                          from outbox where event_key = any(?::text[])) l""", literal);
        log.info("outbox append->published latency over {} sequential commits (ms): {}", keys.size(), latency);
    }

    @Test
    void theTraceOfTheRequestContinuesThroughTheOutboxIntoTheKafkaRecord() throws Exception {
        var response = http("POST", "/api/v1/it/orders", TestTokens.bearer("alice", "customer"));
        assertThat(response.statusCode()).isEqualTo(200);
        var body = JSON.readTree(response.body());
        var orderId = body.get("orderId").asString();
        var traceId = body.get("traceId").asString();
        assertThat(traceId).hasSize(32);

        var stored = jdbc.queryForObject("select traceparent from outbox where event_key = ?", String.class, orderId);
        assertThat(stored).startsWith("00-" + traceId + "-");
        var record = TopicReader.await(bootstrapServers(), Topics.ORDERS, 1, r -> orderId.equals(r.key()), WAIT)
                .getFirst();
        var published = header(record, "traceparent");
        assertThat(published).as("W3C traceparent on the record").isNotNull();
        assertThat(record.headers().headers("traceparent")).as("exactly one").hasSize(1);
        assertThat(published.split("-")[1]).as("same trace").isEqualTo(traceId);
        assertThat(published.split("-")[2]).as("a later span of that trace").isNotEqualTo(stored.split("-")[2]);
    }

    @Test
    void cleanupRemovesOldPublishedRowsAndOldInboxEntriesButKeepsPendingOnes() {
        var oldSent = UUID.randomUUID();
        var oldPending = UUID.randomUUID();
        var recentSent = UUID.randomUUID();
        // the pending row's next attempt lies a day ahead, so the relay leaves it alone during the test
        jdbc.update("""
                insert into outbox (id, topic, event_key, type, payload, occurred_at, created_at, published_at, next_attempt_at)
                values (?, 'cleanup.test', 'k1', 'x', '{}', now(), now() - interval '9 days', now() - interval '8 days', now()),
                       (?, 'cleanup.test', 'k2', 'x', '{}', now(), now() - interval '9 days', null, now() + interval '1 day'),
                       (?, 'cleanup.test', 'k3', 'x', '{}', now(), now() - interval '1 day', now() - interval '1 day', now())""", oldSent, oldPending, recentSent);
        var consumer = "cleanup-" + UUID.randomUUID();
        jdbc.update(
                "insert into inbox (consumer, event_id, received_at) values (?, 'old', now() - interval '31 days'), (?, 'new', now())",
                consumer,
                consumer);

        var result = cleanup.runOnce();

        assertThat(result).isNotNull();
        assertThat(jdbc.queryForList("select id from outbox where topic = 'cleanup.test'", UUID.class))
                .containsExactlyInAnyOrder(oldPending, recentSent);
        assertThat(jdbc.queryForList("select event_id from inbox where consumer = ?", String.class, consumer))
                .containsExactly("new");
        jdbc.update("delete from outbox where topic = 'cleanup.test'");
    }
}
