package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.order.OrderIntegrationTest.OrderServiceIntegrationTest;
import dev.prodev.shop.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The shop when the saga is behind (ADR 0021), in a context of its own with a 2 s stock deadline
 * and room for only three open sagas: a stalled catalog reply never cancels an accepted order (the
 * command is sent again, the order confirms when the reply finally comes, a late duplicate reply
 * changes nothing), and once the bound is reached new orders are refused at the door with 503 +
 * Retry-After, writing nothing, until the backlog drains. Its own consumer group, like
 * OrderAdmissionIT.
 */
@OrderServiceIntegrationTest
@TestPropertySource(
        properties = {
            "shop.orders.saga.stock-deadline=2s",
            "shop.orders.saga.expiry-interval=250ms",
            "shop.orders.admission.max-open-sagas=3",
            "shop.orders.admission.retry-after=1s",
            "spring.kafka.consumer.group-id=order-service-under-load-it"
        })
@DirtiesContext
class SagaUnderLoadIT extends OrderIntegrationTest {

    static final String CAROL = TestTokens.bearer("carol", "customer");

    @Autowired
    MeterRegistry registry;

    /** The other *ITs leave sagas open on purpose (nobody answers them); they would count against the bound here. */
    @BeforeEach
    void closeSagasLeftOpenByOtherTests() {
        jdbc.update("""
                update customer_order set status = 'CANCELLED', cancel_reason = 'CUSTOMER', deadline_at = null
                where status in ('PENDING', 'STOCK_RESERVED', 'PAID')""");
    }

    @Test
    void aStalledStockReplyDoesNotCancelTheOrderWhichConfirmsWhenTheReplyFinallyComes() throws Exception {
        var mug = product("4.50");
        var orderId = place(ALICE, lines(mug, 1));

        // the catalog is stalled: three stock deadlines pass without a reply
        var asked = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE, 3);
        assertThat(asked)
                .extracting(record -> participants.data(record, ReserveStock.class))
                .as("the same idempotent command each time")
                .containsOnly(new ReserveStock(orderId, List.of(new StockLine(mug, 1))));
        var waiting = json(get("/api/v1/orders/" + orderId, ALICE));
        assertThat(waiting.get("status").asString()).isEqualTo("PENDING");
        assertThat(timeline(waiting)).isEqualTo("PENDING");
        assertThat(registry.counter("shop.orders.saga.resent", "step", "stock").count())
                .isGreaterThanOrEqualTo(2);

        // the reply to a resend comes at last, then the late answer to the first command too
        var reserved = new StockReserved(orderId, List.of(new StockLine(mug, 1)));
        participants.reply(asked.get(2), Topics.STOCK, StockReserved.TYPE, reserved);
        participants.reply(asked.getFirst(), Topics.STOCK, StockReserved.TYPE, reserved);
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

        var order = awaitStatus(ALICE, orderId, "CONFIRMED");
        assertThat(timeline(order)).isEqualTo("PENDING,STOCK_RESERVED,PAID,CONFIRMED");
        assertThat(participants.allUpToNow(Topics.PAYMENT_COMMANDS, orderId, AuthorizePayment.TYPE))
                .as("one charge requested despite two stock replies")
                .hasSize(1);
    }

    @Test
    void pastTheBacklogBoundNewOrdersAreRefusedAtTheDoorUntilTheSagaCatchesUp() throws Exception {
        var mug = product("4.50");
        var open = new ArrayList<UUID>();
        var deadline = Instant.now().plusSeconds(30);
        java.net.http.HttpResponse<String> refused = null;
        while (refused == null && Instant.now().isBefore(deadline)) {
            var response = post("/api/v1/orders", ALICE, UUID.randomUUID().toString(), lines(mug, 1));
            if (response.statusCode() == 201) {
                open.add(UUID.fromString(json(response).get("id").asString()));
            } else {
                refused = response;
            }
        }
        assertThat(refused).as("the door closes once three sagas are open").isNotNull();
        // the reading is at most 250 ms old, so a few orders may slip in while it catches up
        assertThat(open).hasSizeBetween(3, 10);

        OrderApiIT.assertProblem(refused, 503);
        assertThat(json(refused).get("type").asString()).isEqualTo("https://prodev.shop/problems/shop-busy");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(refused).get("maxOpenSagas").asInt()).isEqualTo(3);

        // carol is refused too, and nothing of her order is stored
        var key = UUID.randomUUID().toString();
        OrderApiIT.assertProblem(post("/api/v1/orders", CAROL, key, lines(mug, 1)), 503);
        assertThat(jdbc.queryForObject(
                        "select count(*) from customer_order where customer_id = 'carol'", Integer.class))
                .isZero();
        assertThat(registry.counter("shop.orders.admission.refused").count()).isGreaterThanOrEqualTo(2);

        // the catalog catches up (out of stock for all of them): the backlog drains and the door opens again
        for (var orderId : open) {
            var reserve = participants.await(Topics.STOCK_COMMANDS, orderId, ReserveStock.TYPE);
            participants.reply(
                    reserve,
                    Topics.STOCK,
                    StockRejected.TYPE,
                    new StockRejected(orderId, "insufficient stock", List.of(mug)));
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> post("/api/v1/orders", CAROL, key, lines(mug, 1)).statusCode() == 201);
        assertThat(jdbc.queryForObject(
                        "select count(*) from customer_order where customer_id = 'carol'", Integer.class))
                .isEqualTo(1);
    }
}
