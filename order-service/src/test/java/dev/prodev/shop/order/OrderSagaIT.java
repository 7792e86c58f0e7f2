package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.events.order.OrderRefunded;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.RestockStock;
import dev.prodev.shop.events.stock.StockCommitFailed;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.order.OrderIntegrationTest.OrderServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The order saga end to end against real PostgreSQL and Kafka: the test plays catalog-service
 * and payment-service, reading order-service's commands and answering with CloudEvents.
 */
@OrderServiceIntegrationTest
class OrderSagaIT extends OrderIntegrationTest {

    @Test
    void happyPathReachesConfirmedWithTheWholeTimelineAndContractValidEvents() throws Exception {
        var mug = product("4.50");
        var tea = product("10.00");
        var orderId = place(ALICE, lines(mug, 2, tea, 1));

        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        assertThat(participants.data(reserve, ReserveStock.class).lines())
                .containsExactlyInAnyOrder(new StockLine(mug, 2), new StockLine(tea, 1));
        participants.reply(
                reserve,
                Topics.STOCK,
                StockReserved.TYPE,
                new StockReserved(orderId, List.of(new StockLine(mug, 2), new StockLine(tea, 1))));

        var authorize = participants.await(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE);
        var command = participants.data(authorize, AuthorizePayment.class);
        assertThat(command.customerId()).isEqualTo("alice");
        assertThat(command.amount().amount()).isEqualByComparingTo("19.00");
        assertThat(command.amount().currency()).isEqualTo("EUR");
        participants.reply(
                authorize,
                Topics.PAYMENTS,
                PaymentAuthorized.TYPE,
                new PaymentAuthorized(orderId, UUID.randomUUID(), command.amount(), "simulator"));

        var order = awaitStatus(ALICE, orderId, "CONFIRMED");
        assertThat(timeline(order)).isEqualTo("PENDING,STOCK_RESERVED,PAID,CONFIRMED");
        assertThat(order.get("total").get("amount").decimalValue()).isEqualByComparingTo("19.00");
        assertThat(order.get("lines")).hasSize(2);
        participants.await(Topics.STOCK_COMMANDS, orderId, CommitStock.TYPE);

        // what notification-service and others read on shop.orders: placed then confirmed, each valid
        participants.await(Topics.ORDERS, orderId, OrderConfirmed.TYPE);
        var published = participants.allUpToNow(Topics.ORDERS, orderId);
        assertThat(published)
                .extracting(record -> SagaParticipants.header(record, "ce_type"))
                .containsExactly(OrderPlaced.TYPE, OrderConfirmed.TYPE);
        for (var record : published) {
            var type = SagaParticipants.header(record, "ce_type");
            assertThat(EventSchemas.validate(type, record.value())).as(type).isEmpty();
            assertThat(SagaParticipants.header(record, "ce_source")).isEqualTo("order-service");
        }
        var placed = participants.data(published.getFirst(), OrderPlaced.class);
        assertThat(placed.customerEmail()).isEqualTo("alice@example.com");
        assertThat(placed.total()).isEqualTo(new Money(new BigDecimal("19.00"), "EUR"));
        // the commands too match their contracts
        for (var record : List.of(reserve, authorize)) {
            var type = SagaParticipants.header(record, "ce_type");
            assertThat(EventSchemas.validate(type, record.value())).as(type).isEmpty();
        }
    }

    /**
     * Issue #14 finding 4: the catalog's late commit found the stock sold again and replied
     * StockCommitFailed; the saga refunds and cancels with the reason instead of keeping a CONFIRMED
     * order without stock.
     */
    @Test
    void aFailedStockCommitRefundsAndCancelsTheConfirmedOrder() throws Exception {
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
        var commit = participants.await(Topics.STOCK_COMMANDS, orderId, CommitStock.TYPE);

        participants.reply(
                commit,
                Topics.STOCK,
                StockCommitFailed.TYPE,
                new StockCommitFailed(orderId, "reservation expired and the stock is sold", List.of(mug)));

        var refund = participants.data(
                participants.await(Topics.PAYMENT_COMMANDS, orderId, RefundPayment.TYPE), RefundPayment.class);
        assertThat(refund.reason()).isEqualTo("stock-commit-failed");
        var order = awaitStatus(ALICE, orderId, "CANCELLED");
        assertThat(timeline(order)).isEqualTo("PENDING,STOCK_RESERVED,PAID,CONFIRMED,CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("stock-commit-failed");
        var cancelled = participants.data(
                participants.await(Topics.ORDERS, orderId, OrderCancelled.TYPE), OrderCancelled.class);
        assertThat(cancelled.reason()).contains("stock is sold");
        assertThat(participants.allUpToNow(Topics.STOCK_COMMANDS, orderId, ReleaseStock.TYPE))
                .as("nothing is held, nothing to release")
                .isEmpty();
    }

    /**
     * Issue #14 finding 3: a refund of a CONFIRMED order reaches the order. The admin asks order-service;
     * the payment's refund (here payment-service's reply) moves the order to REFUNDED, restocks both
     * lines and tells the customer; a second PaymentRefunded changes nothing.
     */
    @Test
    void anAdminRefundOfAConfirmedOrderEndsRefundedWithItsStockRestocked() throws Exception {
        var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        var report = "/api/v1/orders/admin/report/daily?from=" + today + "&to=" + today;
        var before = reportOfToday(report);
        var mug = product("4.50");
        var tea = product("10.00");
        var orderId = place(ALICE, lines(mug, 2, tea, 1));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        participants.reply(
                reserve,
                Topics.STOCK,
                StockReserved.TYPE,
                new StockReserved(orderId, List.of(new StockLine(mug, 2), new StockLine(tea, 1))));
        var authorize = participants.await(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE);
        var total = participants.data(authorize, AuthorizePayment.class).amount();
        var paymentId = UUID.randomUUID();
        participants.reply(
                authorize,
                Topics.PAYMENTS,
                PaymentAuthorized.TYPE,
                new PaymentAuthorized(orderId, paymentId, total, "simulator"));
        awaitStatus(ALICE, orderId, "CONFIRMED");

        assertThat(post("/api/v1/orders/" + orderId + "/refund", ALICE, null, "{}")
                        .statusCode())
                .isEqualTo(403);
        var accepted = post("/api/v1/orders/" + orderId + "/refund", ADMIN, null, "{\"reason\":\"damaged\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        var refund = participants.await(Topics.PAYMENT_COMMANDS, orderId, RefundPayment.TYPE);
        assertThat(participants.data(refund, RefundPayment.class).reason()).isEqualTo("refund: damaged");

        var refunded = new PaymentRefunded(orderId, paymentId, total);
        participants.reply(refund, Topics.PAYMENTS, PaymentRefunded.TYPE, refunded);
        participants.reply(refund, Topics.PAYMENTS, PaymentRefunded.TYPE, refunded);

        var order = awaitStatus(ALICE, orderId, "REFUNDED");
        assertThat(timeline(order)).isEqualTo("PENDING,STOCK_RESERVED,PAID,CONFIRMED,REFUNDED");
        var restock = participants.data(
                participants.await(Topics.STOCK_COMMANDS, orderId, RestockStock.TYPE), RestockStock.class);
        assertThat(restock.lines()).containsExactlyInAnyOrder(new StockLine(mug, 2), new StockLine(tea, 1));
        var told = participants.await(Topics.ORDERS, orderId, OrderRefunded.TYPE);
        assertThat(EventSchemas.validate(OrderRefunded.TYPE, told.value())).isEmpty();
        assertThat(participants.data(told, OrderRefunded.class).amount().amount())
                .isEqualByComparingTo("19.00");
        assertThat(participants.all(Topics.STOCK_COMMANDS, orderId, RestockStock.TYPE, Duration.ofSeconds(3)))
                .as("restocked once")
                .hasSize(1);
        assertThat(post("/api/v1/orders/" + orderId + "/refund", ADMIN, null, "{}")
                        .statusCode())
                .isEqualTo(409);

        // the order side of the daily money report: confirmed and returned both grew by the total
        var after = reportOfToday(report);
        assertThat(after[0].subtract(before[0])).isEqualByComparingTo("19.00");
        assertThat(after[1].subtract(before[1])).isEqualByComparingTo("19.00");
        assertThat(get(report, ALICE).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/orders/admin/report/daily?from=" + today + "&to=" + today.minusDays(1), ADMIN)
                        .statusCode())
                .isEqualTo(400);
    }

    /** EUR confirmed and returned of today, from the admin report. */
    private BigDecimal[] reportOfToday(String report) throws Exception {
        var response = get(report, ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        var sums = new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
        for (var day : SagaParticipants.JSON.readTree(response.body())) {
            if ("EUR".equals(day.get("currency").asString())) {
                sums[0] = sums[0].add(day.get("confirmed").decimalValue());
                sums[1] = sums[1].add(day.get("returned").decimalValue());
            }
        }
        return sums;
    }

    @Test
    void rejectedStockCancelsTheOrderAndNeverAsksForPayment() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 5));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        participants.reply(
                reserve,
                Topics.STOCK,
                StockRejected.TYPE,
                new StockRejected(orderId, "insufficient stock", List.of(mug)));

        var order = awaitStatus(ALICE, orderId, "CANCELLED");
        assertThat(timeline(order)).isEqualTo("PENDING,CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("stock-rejected");
        var cancelled = participants.data(
                participants.await(Topics.ORDERS, orderId, OrderCancelled.TYPE), OrderCancelled.class);
        assertThat(cancelled.reason()).contains("insufficient stock");
        assertThat(participants.allUpToNow(Topics.PAYMENT_COMMANDS, orderId))
                .as("no charge is ever requested")
                .isEmpty();
        assertThat(participants.allUpToNow(Topics.STOCK_COMMANDS, orderId, ReleaseStock.TYPE))
                .as("nothing was reserved, nothing to release")
                .isEmpty();
    }

    @Test
    void declinedPaymentReleasesTheStockAndCancels() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        participants.reply(
                reserve, Topics.STOCK, StockReserved.TYPE, new StockReserved(orderId, List.of(new StockLine(mug, 1))));
        var authorize = participants.await(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE);
        participants.reply(authorize, Topics.PAYMENTS, PaymentFailed.TYPE, new PaymentFailed(orderId, "card declined"));

        var release = participants.data(
                participants.await(Topics.STOCK_COMMANDS, orderId, ReleaseStock.TYPE), ReleaseStock.class);
        assertThat(release.reason()).isEqualTo("payment-failed");
        var order = awaitStatus(ALICE, orderId, "CANCELLED");
        assertThat(timeline(order)).isEqualTo("PENDING,STOCK_RESERVED,CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("payment-failed");
        participants.await(Topics.ORDERS, orderId, OrderCancelled.TYPE);
        assertThat(participants.allUpToNow(Topics.STOCK_COMMANDS, orderId, CommitStock.TYPE))
                .isEmpty();
    }

    @Test
    void aSagaWhosePaymentNeverAnswersIsCompensatedAfterItsDeadline() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        participants.reply(
                reserve, Topics.STOCK, StockReserved.TYPE, new StockReserved(orderId, List.of(new StockLine(mug, 1))));
        var authorize = participants.await(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE);
        // payment-service stays silent; the test deadline is 30 s

        var order = awaitStatus(ALICE, orderId, "CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("deadline");
        assertThat(timeline(order)).isEqualTo("PENDING,STOCK_RESERVED,CANCELLED");
        var release = participants.data(
                participants.await(Topics.STOCK_COMMANDS, orderId, ReleaseStock.TYPE), ReleaseStock.class);
        assertThat(release.reason()).isEqualTo("deadline");
        var cancelled = participants.data(
                participants.await(Topics.ORDERS, orderId, OrderCancelled.TYPE), OrderCancelled.class);
        assertThat(cancelled.reason()).startsWith("deadline");

        // the payment finally arrives after all: the money goes back, the order stays cancelled
        var late = participants.data(authorize, AuthorizePayment.class);
        participants.reply(
                authorize,
                Topics.PAYMENTS,
                PaymentAuthorized.TYPE,
                new PaymentAuthorized(orderId, UUID.randomUUID(), late.amount(), "simulator"));
        var refund = participants.data(
                participants.await(Topics.PAYMENT_COMMANDS, orderId, RefundPayment.TYPE), RefundPayment.class);
        assertThat(refund.orderId()).isEqualTo(orderId);
        assertThat(awaitStatus(ALICE, orderId, "CANCELLED").get("timeline")).hasSize(3);
    }

    @Test
    void theSameReplyDeliveredTwiceMovesTheOrderOnce() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        var reserved = new StockReserved(orderId, List.of(new StockLine(mug, 1)));
        var eventId = UUID.randomUUID();
        participants.send(reserve, Topics.STOCK, eventId, StockReserved.TYPE, reserved);
        participants.send(reserve, Topics.STOCK, eventId, StockReserved.TYPE, reserved); // a redelivery
        participants.reply(reserve, Topics.STOCK, StockReserved.TYPE, reserved); // the same news, another id

        awaitStatus(ALICE, orderId, "STOCK_RESERVED");
        var authorize = participants.await(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE);
        var payment = new PaymentAuthorized(
                orderId,
                UUID.randomUUID(),
                participants.data(authorize, AuthorizePayment.class).amount(),
                "simulator");
        var paymentEvent = UUID.randomUUID();
        participants.send(authorize, Topics.PAYMENTS, paymentEvent, PaymentAuthorized.TYPE, payment);
        participants.send(authorize, Topics.PAYMENTS, paymentEvent, PaymentAuthorized.TYPE, payment);

        var order = awaitStatus(ALICE, orderId, "CONFIRMED");
        assertThat(timeline(order)).isEqualTo("PENDING,STOCK_RESERVED,PAID,CONFIRMED");
        participants.await(Topics.ORDERS, orderId, OrderConfirmed.TYPE);
        participants.await(Topics.STOCK_COMMANDS, orderId, CommitStock.TYPE);
        assertThat(participants.allUpToNow(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE))
                .as("one charge requested")
                .hasSize(1);
        assertThat(participants.allUpToNow(Topics.STOCK_COMMANDS, orderId, CommitStock.TYPE))
                .hasSize(1);
        assertThat(participants.allUpToNow(Topics.ORDERS, orderId, OrderConfirmed.TYPE))
                .hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from order_transition where order_id = ?", Integer.class, orderId))
                .isEqualTo(4);
    }

    @Test
    void aReplyBreakingTheContractIsDeadLetteredAndChangesNothing() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        var poison = participants.reply(
                reserve,
                Topics.STOCK,
                StockReserved.TYPE,
                java.util.Map.of("orderId", orderId.toString())); // no lines: not a StockReserved

        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/v1/orders/admin/dead-letters?size=100", ADMIN)
                        .body()
                        .contains(poison.toString()));
        var letters =
                json(get("/api/v1/orders/admin/dead-letters?size=100", ADMIN)).toString();
        assertThat(letters).contains(orderId.toString()).contains(StockReserved.TYPE);
        // still waiting for a real reply (or already given up by its deadline), never reserved
        assertThat(timeline(json(get("/api/v1/orders/" + orderId, ALICE)))).doesNotContain("STOCK_RESERVED");
        assertThat(participants.allUpToNow(Topics.PAYMENT_COMMANDS, orderId)).isEmpty();
    }

    @Test
    void theAuthorizePaymentCommandContinuesTheTraceOfThePlacingRequest() throws Exception {
        var mug = product("4.50");
        var traceId = UUID.randomUUID().toString().replace("-", "");
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", ALICE)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(lines(mug, 1)))
                .build();
        var response = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var orderId = UUID.fromString(json(response).get("id").asString());

        assertThat(jdbc.queryForList(
                        "select traceparent from outbox where event_key = ? and type = ?",
                        String.class,
                        orderId.toString(),
                        ReserveStock.TYPE))
                .as("the outbox row keeps the request's trace")
                .singleElement()
                .asString()
                .contains(traceId);
        var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
        assertThat(SagaParticipants.header(reserve, "traceparent"))
                .as("the outbox relay restores the trace")
                .contains(traceId);
        // the catalog, traced like every service, answers within the same trace
        participants.reply(
                reserve, Topics.STOCK, StockReserved.TYPE, new StockReserved(orderId, List.of(new StockLine(mug, 1))));
        var authorize = participants.await(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE);
        assertThat(SagaParticipants.header(authorize, "traceparent")).contains(traceId);
    }
}
