package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.order.OrderIntegrationTest.OrderServiceIntegrationTest;
import dev.prodev.shop.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Who may place an order, in a context of its own with small limits, e-mail verification on and
 * a short tombstone: per-customer limits (429 + Retry-After), unverified e-mail (403) and erased
 * accounts (401), each refused before anything is stored. Its own consumer group, so the shared
 * context's listeners keep their partitions; closed afterwards.
 */
@OrderServiceIntegrationTest
@TestPropertySource(
        properties = {
            "shop.orders.limits.max-open-orders=3",
            "shop.orders.limits.max-reserved-units=10",
            "shop.orders.require-verified-email=true",
            "shop.orders.erasure.tombstone-ttl=PT4S",
            "shop.orders.erasure.purge-interval=PT1S",
            "spring.kafka.consumer.group-id=order-service-admission-it"
        })
@DirtiesContext
class OrderAdmissionIT extends OrderIntegrationTest {

    private static String verified(String customer) {
        return TestTokens.bearerWithClaims(customer, Map.of("email_verified", true), "customer");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        OrderApiIT.assertProblem(response, status);
        assertThat(json(response).get("type").asString()).isEqualTo("https://prodev.shop/problems/" + type);
    }

    private int ordersOf(String customer) {
        return jdbc.queryForObject(
                "select count(*) from customer_order where customer_id = ?", Integer.class, customer);
    }

    @Test
    void aFourthUnpaidOrderIsRefusedWith429AndRetryAfterUntilOneIsSettled() throws Exception {
        var mug = product("4.50");
        var customer = "hoarder-" + UUID.randomUUID();
        var token = verified(customer);
        var firstKey = UUID.randomUUID().toString();
        var first = post("/api/v1/orders", token, firstKey, lines(mug, 1));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        place(token, lines(mug, 1));
        place(token, lines(mug, 1));

        var refused = post("/api/v1/orders", token, UUID.randomUUID().toString(), lines(mug, 1));
        assertProblem(refused, 429, "too-many-open-orders");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(json(refused).get("openOrders").asInt()).isEqualTo(3);
        assertThat(ordersOf(customer))
                .as("nothing stored for the refused order")
                .isEqualTo(3);

        // a retry of a placed order still finds it, limit or not
        var retry = post("/api/v1/orders", token, firstKey, lines(mug, 1));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);

        var cancelled = post("/api/v1/orders/" + json(first).get("id").asString() + "/cancel", token, null, "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        place(token, lines(mug, 1));
    }

    @Test
    void reservedUnitsAreCappedPerCustomerAndAnOversizedOrderIsUnprocessable() throws Exception {
        var mug = product("1.00");
        var customer = "bulk-" + UUID.randomUUID();
        var token = verified(customer);
        place(token, lines(mug, 6));
        assertProblem(
                post("/api/v1/orders", token, UUID.randomUUID().toString(), lines(mug, 5)),
                429,
                "too-many-open-orders");
        place(token, lines(mug, 4));
        assertProblem(
                post(
                        "/api/v1/orders",
                        verified("big-" + UUID.randomUUID()),
                        UUID.randomUUID().toString(),
                        lines(mug, 11)),
                422,
                "unprocessable");
        assertThat(ordersOf(customer)).isEqualTo(2);
    }

    @Test
    void concurrentOrdersOfOneCustomerCannotOvershootTheLimit() throws Exception {
        var mug = product("2.00");
        var customer = "burst-" + UUID.randomUUID();
        var token = verified(customer);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<HttpResponse<String>>>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post("/api/v1/orders", token, UUID.randomUUID().toString(), lines(mug, 1)));
            }
            var statuses = new ArrayList<Integer>();
            for (var result : pool.invokeAll(calls)) {
                statuses.add(result.get().statusCode());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ordersOf(customer)).isEqualTo(3);
    }

    @Test
    void anUnverifiedEmailIsRefusedWith403() throws Exception {
        var mug = product("4.50");
        var customer = "unverified-" + UUID.randomUUID();
        var unverified = TestTokens.bearerWithClaims(customer, Map.of("email_verified", false), "customer");
        assertProblem(
                post("/api/v1/orders", unverified, UUID.randomUUID().toString(), lines(mug, 1)),
                403,
                "email-not-verified");
        assertProblem(
                post(
                        "/api/v1/orders",
                        TestTokens.bearer(customer, "customer"),
                        UUID.randomUUID().toString(),
                        lines(mug, 1)),
                403,
                "email-not-verified");
        assertThat(ordersOf(customer)).isZero();
        place(verified(customer), lines(mug, 1));
    }

    @Test
    void anErasedCustomersTokenIsRefusedWith401UntilTheTombstoneExpires(@Autowired KafkaConnectionDetails kafka)
            throws Exception {
        var mug = product("4.50");
        var customer = "erased-" + UUID.randomUUID();
        var token = verified(customer);
        place(token, lines(mug, 1));

        try (var producer = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers())),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(CloudEventRecords.create(
                            Topics.USERS,
                            customer,
                            UUID.randomUUID(),
                            UserDeleted.TYPE,
                            "user-service",
                            Instant.now(),
                            SagaParticipants.JSON.writeValueAsBytes(new UserDeleted(customer))))
                    .get();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from erased_customer where customer_id = ?", Integer.class, customer)
                        == 1);
        var refused = post("/api/v1/orders", token, UUID.randomUUID().toString(), lines(mug, 1));
        assertProblem(refused, 401, "account-erased");
        assertThat(ordersOf(customer)).isEqualTo(1);

        // the tombstone outlives the customer's tokens, then it is purged
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from erased_customer where customer_id = ?", Integer.class, customer)
                        == 0);
    }
}
