package dev.prodev.shop.catalog.stock;

import static dev.prodev.shop.catalog.CatalogFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.catalog.CatalogFixtures;
import dev.prodev.shop.catalog.CatalogHttp;
import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.RestockStock;
import dev.prodev.shop.events.stock.StockCommitFailed;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReleased;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.test.ShopIntegrationTest;
import dev.prodev.shop.test.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;

/** The saga participant against real PostgreSQL and Kafka: no overselling, all or nothing, idempotent, expiring. */
@ShopIntegrationTest
class StockReservationIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StockReservations reservations;

    CatalogFixtures fixtures;
    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(new CatalogHttp(port));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    private String bootstrap() {
        return String.join(",", kafka.getBootstrapServers());
    }

    private UUID send(String type, UUID orderId, Object command) {
        return send(UUID.randomUUID(), type, orderId, command);
    }

    private UUID send(UUID eventId, String type, UUID orderId, Object command) {
        var json = CatalogHttp.JSON.writeValueAsBytes(command);
        try {
            producer.send(CloudEventRecords.create(
                            Topics.STOCK_COMMANDS,
                            orderId.toString(),
                            eventId,
                            type,
                            "order-service",
                            Instant.now(),
                            json))
                    .get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return eventId;
    }

    private List<ConsumerRecord<String, byte[]>> replies(Set<String> orderIds, int count) {
        return TopicReader.await(
                bootstrap(), Topics.STOCK, count, record -> orderIds.contains(record.key()), Duration.ofSeconds(60));
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
    }

    private int[] stock(UUID productId) {
        return jdbc.queryForObject(
                "select on_hand, reserved from stock where product_id = ?",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)},
                productId);
    }

    @Test
    void lastItemsAreReservedExactlyOnceUnder200ConcurrentBuyers() throws Exception {
        var product = fixtures.createProduct(unique("HOT"), "Limited edition", "", null, "99.00", 10);
        var start = new CountDownLatch(1);
        var negativeSeen = new AtomicBoolean();
        var finished = new AtomicBoolean();
        var outcomes = new ArrayList<java.util.concurrent.Future<ReservationOutcome>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var watcher = pool.submit(() -> {
                // watch the row while the buyers race: available stock must never dip below zero
                while (!finished.get()) {
                    var row = stock(product);
                    if (row[0] - row[1] < 0) {
                        negativeSeen.set(true);
                    }
                    Thread.sleep(2);
                }
                return null;
            });
            for (int i = 0; i < 200; i++) {
                var orderId = UUID.randomUUID();
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return reservations.reserve(orderId, List.of(new StockLine(product, 1)));
                }));
            }
            start.countDown();
            int reserved = 0;
            int rejected = 0;
            for (var outcome : outcomes) {
                switch (outcome.get()) {
                    case ReservationOutcome.Reserved r -> reserved++;
                    case ReservationOutcome.Rejected r -> {
                        rejected++;
                        assertThat(r.unavailableProductIds()).containsExactly(product);
                    }
                }
            }
            finished.set(true);
            watcher.get();
            assertThat(reserved).isEqualTo(10);
            assertThat(rejected).isEqualTo(190);
        }
        assertThat(negativeSeen).isFalse();
        assertThat(stock(product)).containsExactly(10, 10);
        assertThat(jdbc.queryForObject(
                        "select coalesce(sum(quantity), 0) from stock_reservation where product_id = ? and status = 'RESERVED'",
                        Integer.class,
                        product))
                .isEqualTo(10);
    }

    @Test
    void concurrentReserveCommandsThroughKafkaReserveOnlyWhatIsThereAndReplyToEveryOrder() {
        var product = fixtures.createProduct(unique("KAF"), "Kafka-sold item", "", null, "10.00", 10);
        var orders = new HashSet<String>();
        for (int i = 0; i < 40; i++) {
            var orderId = UUID.randomUUID();
            orders.add(orderId.toString());
            send(ReserveStock.TYPE, orderId, new ReserveStock(orderId, List.of(new StockLine(product, 1))));
        }
        var replies = replies(orders, 40);
        assertThat(replies)
                .extracting(StockReservationIT::type)
                .filteredOn(StockReserved.TYPE::equals)
                .hasSize(10);
        assertThat(replies)
                .extracting(StockReservationIT::type)
                .filteredOn(StockRejected.TYPE::equals)
                .hasSize(30);
        for (var reply : replies) {
            assertThat(EventSchemas.validate(type(reply), reply.value()))
                    .as(type(reply))
                    .isEmpty();
        }
        assertThat(replies.stream().map(ConsumerRecord::key).distinct()).hasSize(40);
        assertThat(stock(product)).containsExactly(10, 10);
    }

    @Test
    void reservesAllLinesOrNone() {
        var plenty = fixtures.createProduct(unique("PLN"), "Plenty", "", null, "1.00", 50);
        var scarce = fixtures.createProduct(unique("SCR"), "Scarce", "", null, "1.00", 1);
        var orderId = UUID.randomUUID();
        send(
                ReserveStock.TYPE,
                orderId,
                new ReserveStock(orderId, List.of(new StockLine(plenty, 5), new StockLine(scarce, 2))));
        var reply = replies(Set.of(orderId.toString()), 1).getFirst();
        assertThat(type(reply)).isEqualTo(StockRejected.TYPE);
        var rejected = CatalogHttp.JSON.readValue(reply.value(), StockRejected.class);
        assertThat(rejected.unavailableProductIds()).containsExactly(scarce);
        assertThat(stock(plenty)).containsExactly(50, 0);
        assertThat(stock(scarce)).containsExactly(1, 0);
        assertThat(jdbc.queryForObject(
                        "select count(*) from stock_reservation where order_id = ?", Integer.class, orderId))
                .isZero();
    }

    @Test
    void aRedeliveredOrRepeatedReserveCommandDoesNotReserveTwice() {
        var product = fixtures.createProduct(unique("RED"), "Redelivered", "", null, "1.00", 10);
        var orderId = UUID.randomUUID();
        var command = new ReserveStock(orderId, List.of(new StockLine(product, 3)));
        var eventId = send(ReserveStock.TYPE, orderId, command);
        send(eventId, ReserveStock.TYPE, orderId, command); // Kafka redelivery: same event id
        send(ReserveStock.TYPE, orderId, command); // the saga retried: new event id, same order

        // one partition per order key: once the third command's reply is there, the redelivery before it was handled
        // too
        replies(Set.of(orderId.toString()), 2);
        var replies = TopicReader.collect(
                bootstrap(), Topics.STOCK, record -> orderId.toString().equals(record.key()), Duration.ofSeconds(3));
        assertThat(replies)
                .extracting(StockReservationIT::type)
                .as("one reply per distinct command")
                .containsExactly(StockReserved.TYPE, StockReserved.TYPE);
        assertThat(stock(product)).containsExactly(10, 3);
        assertThat(jdbc.queryForObject(
                        "select count(*) from stock_reservation where order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    @Test
    void theInStockListingFollowsAProductThatSellsOutAndComesBack() {
        var http = new CatalogHttp(port);
        var category = fixtures.category(unique("sellout").toLowerCase(), "Sell-out", null);
        var sku = unique("LAST");
        var product = fixtures.createProduct(sku, "Last two", "", category, "1.00", 2);
        var inStock = "/api/v1/products?inStock=true&category=" + category;
        var skus = (java.util.function.Supplier<List<String>>) () -> CatalogHttp.json(http.get(inStock))
                .get("items")
                .valueStream()
                .map(item -> item.get("sku").asString())
                .toList();
        assertThat(skus.get()).containsExactly(sku); // the page is cached now

        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        reservations.reserve(first, List.of(new StockLine(product, 1)));
        assertThat(skus.get()).as("one left: still listed").containsExactly(sku);
        reservations.reserve(second, List.of(new StockLine(product, 1)));
        assertThat(skus.get()).as("sold out: the cached page is gone").isEmpty();

        reservations.release(first, "payment failed");
        assertThat(skus.get()).as("back in stock").containsExactly(sku);
    }

    @Test
    void releaseGivesStockBackAndCommitTurnsTheReservationIntoASale() {
        var product = fixtures.createProduct(unique("REL"), "Released", "", null, "1.00", 10);
        var cancelled = UUID.randomUUID();
        var confirmed = UUID.randomUUID();
        send(ReserveStock.TYPE, cancelled, new ReserveStock(cancelled, List.of(new StockLine(product, 2))));
        send(ReserveStock.TYPE, confirmed, new ReserveStock(confirmed, List.of(new StockLine(product, 3))));
        replies(Set.of(cancelled.toString(), confirmed.toString()), 2);
        assertThat(stock(product)).containsExactly(10, 5);

        send(ReleaseStock.TYPE, cancelled, new ReleaseStock(cancelled, "payment failed"));
        send(CommitStock.TYPE, confirmed, new CommitStock(confirmed));
        var released = TopicReader.await(
                bootstrap(),
                Topics.STOCK,
                1,
                record -> cancelled.toString().equals(record.key()) && StockReleased.TYPE.equals(type(record)),
                Duration.ofSeconds(30));
        assertThat(EventSchemas.validate(StockReleased.TYPE, released.getFirst().value()))
                .isEmpty();
        awaitStock(product, 7, 0);
        assertThat(jdbc.queryForList(
                        "select status from stock_reservation where order_id in (?, ?) order by quantity",
                        String.class,
                        cancelled,
                        confirmed))
                .containsExactly("RELEASED", "COMMITTED");
    }

    @Test
    void restockOfARefundedOrderPutsItsSoldUnitsBackOnceAndNoMore() {
        // issue #14 finding 3: available 5 -> 3 after a sale, and back to 5 when the order is refunded
        var product = fixtures.createProduct(unique("RST"), "Restocked", "", null, "1.00", 5);
        var order = UUID.randomUUID();
        send(ReserveStock.TYPE, order, new ReserveStock(order, List.of(new StockLine(product, 2))));
        replies(Set.of(order.toString()), 1);
        send(CommitStock.TYPE, order, new CommitStock(order));
        awaitStock(product, 3, 0);

        var restock = new RestockStock(order, List.of(new StockLine(product, 2)), "order refunded");
        send(RestockStock.TYPE, order, restock);
        awaitStock(product, 5, 0);

        // a repeated command (new event id), more than was sold, or another order's line: nothing more
        send(RestockStock.TYPE, order, restock);
        send(RestockStock.TYPE, order, new RestockStock(order, List.of(new StockLine(product, 9)), "again"));
        var stranger = UUID.randomUUID();
        send(RestockStock.TYPE, stranger, new RestockStock(stranger, List.of(new StockLine(product, 1)), "unknown"));
        var marker = UUID.randomUUID();
        send(ReserveStock.TYPE, marker, new ReserveStock(marker, List.of(new StockLine(product, 1))));
        replies(Set.of(marker.toString()), 1); // the listener is past the repeats (other keys: also hold a while)
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stock(product)[0]).isEqualTo(5));
        assertThat(reservations.restock(order, List.of(new StockLine(product, 2)), "direct"))
                .isZero();
    }

    @Test
    void reservationsThatAreNeverConfirmedExpireAndTellTheSaga() {
        var product = fixtures.createProduct(unique("EXP"), "Expiring", "", null, "1.00", 5);
        var orderId = UUID.randomUUID();
        assertThat(reservations.reserve(orderId, List.of(new StockLine(product, 4))))
                .isInstanceOf(ReservationOutcome.Reserved.class);
        jdbc.update(
                "update stock_reservation set expires_at = now() - interval '1 minute' where order_id = ?", orderId);

        reservations.expireDue(100); // what the ShedLock-guarded job runs (it may have run already)

        assertThat(stock(product)).containsExactly(5, 0);
        assertThat(jdbc.queryForObject(
                        "select status from stock_reservation where order_id = ?", String.class, orderId))
                .isEqualTo("EXPIRED");
        var replies = TopicReader.await(
                bootstrap(),
                Topics.STOCK,
                2,
                record -> orderId.toString().equals(record.key()),
                Duration.ofSeconds(30));
        assertThat(replies)
                .extracting(StockReservationIT::type)
                .containsExactly(StockReserved.TYPE, StockReleased.TYPE);
    }

    /**
     * Issue #14 finding 4: a commit that arrives after the reservation expired takes the units again
     * while they are there, so the confirmed order keeps its stock (before: it took nothing).
     */
    @Test
    void aLateCommitOfAnExpiredReservationTakesTheStockAgainWhileItIsThere() {
        var product = fixtures.createProduct(unique("LATE"), "Late", "", null, "1.00", 5);
        var orderId = UUID.randomUUID();
        reservations.reserve(orderId, List.of(new StockLine(product, 4)));
        jdbc.update(
                "update stock_reservation set expires_at = now() - interval '1 minute' where order_id = ?", orderId);
        reservations.expireDue(100);
        assertThat(stock(product)).containsExactly(5, 0);

        send(CommitStock.TYPE, orderId, new CommitStock(orderId));

        awaitStock(product, 1, 0);
        assertThat(jdbc.queryForObject(
                        "select status from stock_reservation where order_id = ?", String.class, orderId))
                .isEqualTo("COMMITTED");
    }

    /**
     * Issue #14 finding 4: when the expired units were sold to someone else, a late commit takes
     * nothing of the newer order's stock and replies StockCommitFailed, so the saga refunds and cancels.
     */
    @Test
    void aLateCommitWhoseStockWasSoldAgainRepliesCommitFailedAndTakesNothing() {
        var product = fixtures.createProduct(unique("GONE"), "Gone", "", null, "1.00", 5);
        var late = UUID.randomUUID();
        reservations.reserve(late, List.of(new StockLine(product, 4)));
        jdbc.update("update stock_reservation set expires_at = now() - interval '1 minute' where order_id = ?", late);
        reservations.expireDue(100);
        var newer = UUID.randomUUID();
        assertThat(reservations.reserve(newer, List.of(new StockLine(product, 3))))
                .isInstanceOf(ReservationOutcome.Reserved.class);

        send(CommitStock.TYPE, late, new CommitStock(late));

        var failed = TopicReader.await(
                bootstrap(),
                Topics.STOCK,
                1,
                record -> late.toString().equals(record.key()) && StockCommitFailed.TYPE.equals(type(record)),
                Duration.ofSeconds(30));
        assertThat(EventSchemas.validate(
                        StockCommitFailed.TYPE, failed.getFirst().value()))
                .isEmpty();
        assertThat(stock(product)).containsExactly(5, 3);
        assertThat(jdbc.queryForObject("select status from stock_reservation where order_id = ?", String.class, late))
                .isEqualTo("EXPIRED");
    }

    private void awaitStock(UUID product, int onHand, int reserved) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(stock(product)).containsExactly(onHand, reserved));
    }
}
