package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.order.OrderIntegrationTest.OrderServiceIntegrationTest;
import dev.prodev.shop.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/** The REST API of orders as a shopper and an admin meet it: statuses, problem+json bodies, ownership. */
@OrderServiceIntegrationTest
class OrderApiIT extends OrderIntegrationTest {

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception");
    }

    /** Two problem+json answers agree on everything but where they were asked. */
    static void assertSameProblem(HttpResponse<String> actual, HttpResponse<String> expected) {
        var a = json(actual);
        var e = json(expected);
        for (var field : List.of("type", "title", "status", "detail")) {
            assertThat(a.get(field)).as(field).isEqualTo(e.get(field));
        }
        assertThat(a.get("instance")).as("instance").isNotNull();
        assertThat(actual.headers().firstValue("Content-Type"))
                .isEqualTo(expected.headers().firstValue("Content-Type"));
    }

    @Test
    void placingWithoutAnIdempotencyKeyIsABadRequest() throws Exception {
        var mug = product("4.50");
        assertProblem(post("/api/v1/orders", ALICE, null, lines(mug, 1)), 400);
        assertProblem(post("/api/v1/orders", ALICE, " ", lines(mug, 1)), 400);
        assertProblem(post("/api/v1/orders", ALICE, "k".repeat(101), lines(mug, 1)), 400);
    }

    @Test
    void invalidLinesAreBadRequestsNamingTheField() throws Exception {
        var mug = product("4.50");
        var zero = post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), lines(mug, 0));
        assertProblem(zero, 400);
        assertThat(json(zero).get("errors").toString()).contains("quantity");
        assertProblem(post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), lines(mug, 101)), 400);
        assertProblem(post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), "{\"lines\":[]}"), 400);
        assertProblem(post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), "{}"), 400);
        assertProblem(
                post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), "{\"lines\":[{\"quantity\":1}]}"), 400);
        assertProblem(
                post(
                        "/api/v1/orders",
                        ALICE,
                        UUID.randomUUID().toString(),
                        "{\"lines\":[{\"productId\":\"nope\",\"quantity\":1}]}"),
                400);
        assertProblem(post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), "{not json"), 400);
        assertProblem(post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), lines(mug, 1, mug, 2)), 400);
        var many = new Object[102];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = UUID.randomUUID();
            many[i + 1] = 1;
        }
        var tooMany = post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), lines(many));
        assertProblem(tooMany, 400);
        assertThat(json(tooMany).get("errors").toString()).contains("lines");
        assertThat(jdbc.queryForObject("select count(*) from order_line where product_id = ?", Integer.class, mug))
                .as("no order was stored")
                .isZero();
    }

    @Test
    void noTokenIs401AndTheWrongRoleIs403() throws Exception {
        var mug = product("4.50");
        assertProblem(post("/api/v1/orders", null, UUID.randomUUID().toString(), lines(mug, 1)), 401);
        assertProblem(get("/api/v1/orders", null), 401);
        var sre = TestTokens.bearer("sre", "sre");
        assertProblem(post("/api/v1/orders", sre, UUID.randomUUID().toString(), lines(mug, 1)), 403);
        assertProblem(get("/api/v1/orders", sre), 403);
        assertProblem(get("/api/v1/orders?all=true", ALICE), 403);
        assertProblem(get("/api/v1/orders/admin/dead-letters", ALICE), 403);
        assertThat(get("/api/v1/orders/admin/dead-letters", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void theSameKeyAndBodyReturnsTheSameOrderAndAnotherBodyIsUnprocessable() throws Exception {
        var mug = product("4.50");
        var key = UUID.randomUUID().toString();
        var first = post("/api/v1/orders", ALICE, key, lines(mug, 2));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location)
                        .endsWith("/api/v1/orders/" + json(first).get("id").asString()));
        var retry = post("/api/v1/orders", ALICE, key, lines(mug, 2));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("id").asString())
                .isEqualTo(json(first).get("id").asString());
        var reused = post("/api/v1/orders", ALICE, key, lines(mug, 3));
        assertProblem(reused, 422);
        assertThat(json(reused).get("type").asString()).isEqualTo("https://prodev.shop/problems/unprocessable");
        assertThat(json(reused).get("detail").asString())
                .isEqualTo(
                        "This Idempotency-Key was already used for a different request; use a new key for a new order.");
        // keys are per customer: bob may use the same one for his own order
        var bobs = post("/api/v1/orders", BOB, key, lines(mug, 2));
        assertThat(bobs.statusCode()).isEqualTo(201);
        assertThat(json(bobs).get("id").asString())
                .isNotEqualTo(json(first).get("id").asString());
        assertThat(jdbc.queryForObject("select count(*) from order_line where product_id = ?", Integer.class, mug))
                .isEqualTo(2);
        var orderId = UUID.fromString(json(first).get("id").asString());
        participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        assertThat(participants.allUpToNow(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE))
                .as("the retry reserved nothing more")
                .hasSize(1);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneOrder() throws Exception {
        var mug = product("4.50");
        var key = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var responses = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
            for (int i = 0; i < 4; i++) {
                responses.add(pool.submit(() -> post("/api/v1/orders", ALICE, key, lines(mug, 1))));
            }
            var ids = new java.util.HashSet<String>();
            var statuses = new java.util.ArrayList<Integer>();
            for (var response : responses) {
                var result = response.get();
                statuses.add(result.statusCode());
                ids.add(json(result).get("id").asString());
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from order_line where product_id = ?", Integer.class, mug))
                .isEqualTo(1);
    }

    @Test
    void theServerPricesTheOrderFromTheCatalogAndRefusesUnknownOrDiscontinuedProducts() throws Exception {
        var mug = product("4.50");
        var old = product("3.00", "EUR", ProductChanged.DISCONTINUED, "DISCONTINUED");
        // a client cannot even suggest a price: an unknown field is refused, naming it (ADR 0026)
        var priced = "{\"lines\":[{\"productId\":\"" + mug + "\",\"quantity\":2,\"unitPrice\":0.01}]}";
        var suggested = post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), priced);
        assertThat(suggested.statusCode()).as(suggested.body()).isEqualTo(400);
        assertThat(suggested.body()).contains("unitPrice");
        var body = "{\"lines\":[{\"productId\":\"" + mug + "\",\"quantity\":2}]}";
        var placed = post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), body);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(json(placed).get("total").get("amount").decimalValue()).isEqualByComparingTo("9.00");

        var unknown = UUID.randomUUID();
        var refused = post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), lines(mug, 1, unknown, 1, old, 1));
        assertProblem(refused, 422);
        assertThat(json(refused).get("type").asString()).isEqualTo("https://prodev.shop/problems/product-unavailable");
        assertThat(json(refused).get("title").asString()).isEqualTo("Product unavailable");
        assertThat(json(refused).get("detail").asString())
                .startsWith("These products are unknown or no longer sold: [");
        assertThat(json(refused).get("unavailableProductIds").toString())
                .contains(unknown.toString())
                .contains(old.toString())
                .doesNotContain(mug.toString());

        // a price change applies to the next order, never to a placed one
        announce(mug, "5.00", "EUR", ProductChanged.PRICE_CHANGED, "ACTIVE");
        var later = post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), lines(mug, 2));
        assertThat(json(later).get("total").get("amount").decimalValue()).isEqualByComparingTo("10.00");
        var first = json(get("/api/v1/orders/" + json(placed).get("id").asString(), ALICE));
        assertThat(first.get("total").get("amount").decimalValue()).isEqualByComparingTo("9.00");
    }

    @Test
    void anotherCustomersOrderIsNotFoundButAnAdminSeesIt() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));
        assertProblem(get("/api/v1/orders/" + orderId, BOB), 404);
        var cancelByBob = post("/api/v1/orders/" + orderId + "/cancel", BOB, null, "");
        assertProblem(cancelByBob, 404);
        // the saga's refusal answers exactly as the controller's own 404 does
        assertSameProblem(cancelByBob, get("/api/v1/orders/" + orderId, BOB));
        assertThat(json(cancelByBob).get("detail").asString()).isEqualTo("No order with id " + orderId + ".");
        assertProblem(get("/api/v1/orders/" + UUID.randomUUID(), ALICE), 404);
        assertProblem(get("/api/v1/orders/not-a-uuid", ALICE), 400);
        var asAdmin = get("/api/v1/orders/" + orderId, ADMIN);
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(json(asAdmin).get("customerId").asString()).isEqualTo("alice");
        assertThat(json(asAdmin).get("timeline").get(0).get("to").asString()).isEqualTo("PENDING");
    }

    @Test
    void customersListTheirOwnOrdersPagedAndAdminsListEveryones() throws Exception {
        var mug = product("4.50");
        var carol = TestTokens.bearer("carol-" + UUID.randomUUID(), "customer");
        var first = place(carol, lines(mug, 1));
        var second = place(carol, lines(mug, 2));
        var bobs = place(BOB, lines(mug, 1));

        var page = json(get("/api/v1/orders?size=1", carol));
        assertThat(page.get("totalElements").asLong()).isEqualTo(2);
        assertThat(page.get("totalPages").asInt()).isEqualTo(2);
        assertThat(page.get("content")).hasSize(1);
        assertThat(page.get("content").get(0).get("id").asString())
                .as("newest first")
                .isEqualTo(second.toString());
        assertThat(json(get("/api/v1/orders?size=1&page=1", carol))
                        .get("content")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(first.toString());
        assertProblem(get("/api/v1/orders?size=101", carol), 400);
        assertProblem(get("/api/v1/orders?page=-1", carol), 400);
        // the offset window: page × size up to 10 000, for customers and admins alike
        assertThat(get("/api/v1/orders?page=100&size=100", carol).statusCode()).isEqualTo(200);
        var deep = get("/api/v1/orders?page=101&size=100", carol);
        assertProblem(deep, 400);
        assertThat(json(deep).get("detail").asString()).contains("10000");
        assertProblem(get("/api/v1/orders?all=true&page=10000&size=100", ADMIN), 400);

        var all = json(get("/api/v1/orders?all=true&size=100", ADMIN))
                .get("content")
                .toString();
        assertThat(all).contains(first.toString()).contains(bobs.toString());
        var adminsOwn =
                json(get("/api/v1/orders?size=100", ADMIN)).get("content").toString();
        assertThat(adminsOwn).doesNotContain(first.toString());
    }

    @Test
    void aCustomerCancelsBeforePaymentAndTheReservationIsReleased() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        participants.reply(
                reserve, Topics.STOCK, StockReserved.TYPE, new StockReserved(orderId, List.of(new StockLine(mug, 1))));
        awaitStatus(ALICE, orderId, "STOCK_RESERVED");

        var cancelled = post("/api/v1/orders/" + orderId + "/cancel", ALICE, null, "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(json(cancelled).get("cancelReason").asString()).isEqualTo("customer");
        var release = participants.data(
                participants.await(Topics.STOCK_COMMANDS, orderId, ReleaseStock.TYPE), ReleaseStock.class);
        assertThat(release.reason()).isEqualTo("customer");
        assertProblem(post("/api/v1/orders/" + orderId + "/cancel", ALICE, null, ""), 409);
    }

    @Test
    void aPaidOrderCannotBeCancelled() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        participants.reply(
                reserve, Topics.STOCK, StockReserved.TYPE, new StockReserved(orderId, List.of(new StockLine(mug, 1))));
        var authorize = participants.await(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE);
        participants.reply(
                authorize,
                Topics.PAYMENTS,
                PaymentAuthorized.TYPE,
                new PaymentAuthorized(
                        orderId,
                        UUID.randomUUID(),
                        participants.data(authorize, AuthorizePayment.class).amount(),
                        "simulator"));
        awaitStatus(ALICE, orderId, "CONFIRMED");
        var refused = post("/api/v1/orders/" + orderId + "/cancel", ALICE, null, "");
        assertProblem(refused, 409);
        assertThat(json(refused).get("type").asString()).isEqualTo("https://prodev.shop/problems/conflict");
        assertThat(json(refused).get("title").asString()).isEqualTo("Conflict");
        assertThat(json(refused).get("detail").asString())
                .isEqualTo("The order is CONFIRMED; it can be cancelled only before it is paid.");
        assertThat(json(refused).get("instance").asString()).isEqualTo("/api/v1/orders/" + orderId + "/cancel");
        assertThat(json(get("/api/v1/orders/" + orderId, ALICE)).get("status").asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void aDeletedCustomersOrdersForgetTheirEmailButKeepTheMoney(@Autowired KafkaConnectionDetails kafka)
            throws Exception {
        var mug = product("4.50");
        var dave = "dave-" + UUID.randomUUID();
        var orderId = place(TestTokens.bearer(dave, "customer"), lines(mug, 2));
        assertThat(jdbc.queryForObject("select customer_email from customer_order where id = ?", String.class, orderId))
                .isEqualTo(dave + "@example.com");

        try (var producer = new KafkaProducer<String, byte[]>(
                java.util.Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers())),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(CloudEventRecords.create(
                            Topics.USERS,
                            dave,
                            UUID.randomUUID(),
                            UserDeleted.TYPE,
                            "user-service",
                            Instant.now(),
                            SagaParticipants.JSON.writeValueAsBytes(new UserDeleted(dave))))
                    .get();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !jdbc.queryForObject(
                                "select customer_email from customer_order where id = ?", String.class, orderId)
                        .startsWith("dave"));
        var row = jdbc.queryForMap("select customer_email, total_amount from customer_order where id = ?", orderId);
        assertThat(row.get("customer_email")).isEqualTo("erased@example.com");
        assertThat((java.math.BigDecimal) row.get("total_amount")).isEqualByComparingTo("9.00");
    }
}
