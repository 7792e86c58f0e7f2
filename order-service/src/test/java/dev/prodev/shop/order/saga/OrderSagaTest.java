package dev.prodev.shop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.events.order.OrderRefunded;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.RestockStock;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.order.idempotency.IdempotencyKeys;
import dev.prodev.shop.order.orders.CancelReason;
import dev.prodev.shop.order.orders.Order;
import dev.prodev.shop.order.orders.OrderLineItem;
import dev.prodev.shop.order.orders.OrderRefused;
import dev.prodev.shop.order.orders.OrderRepository;
import dev.prodev.shop.order.orders.OrderStatus;
import dev.prodev.shop.order.orders.OrderTransition;
import dev.prodev.shop.order.pricing.PriceList;
import dev.prodev.shop.order.pricing.PriceList.Wanted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The saga's decision on every reply, with a recording outbox: which commands and events each step emits. */
class OrderSagaTest {

    record Appended(String topic, String key, String type, Object data) {}

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Money NINE_EUR = new Money(new BigDecimal("9.00"), "EUR");

    final List<Appended> outbox = new ArrayList<>();
    final OrderRepository orders = mock(OrderRepository.class);
    final PriceList priceList = mock(PriceList.class);
    final IdempotencyKeys keys = mock(IdempotencyKeys.class);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    OrderSaga saga;
    Order order;

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() {
        Outbox recording = (topic, key, type, data) -> {
            // the contract: every event and command the saga emits matches its JSON Schema
            assertThat(EventSchemas.validate(type, JSON.writeValueAsBytes(data)))
                    .as(type)
                    .isEmpty();
            outbox.add(new Appended(topic, key, type, data));
        };
        saga = new OrderSaga(
                orders,
                priceList,
                keys,
                recording,
                new SagaProperties(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5),
                        100),
                new SagaMetrics(registry),
                clock,
                mock(dev.prodev.shop.order.admission.CustomerQuota.class));
        when(keys.claim(any(), any(), any(), any())).thenReturn(Optional.empty());
        when(priceList.price(any()))
                .thenReturn(List.of(
                        new OrderLineItem(UUID.randomUUID(), "SKU-1", "Mug", 2, new BigDecimal("4.50"), "EUR")));
        when(orders.save(any(Order.class))).thenAnswer(invocation -> {
            order = invocation.getArgument(0);
            when(orders.lockById(order.getId())).thenReturn(Optional.of(order));
            when(orders.findById(order.getId())).thenReturn(Optional.of(order));
            return order;
        });
    }

    UUID place() {
        return saga.place("alice", "alice@example.com", "key-1", List.of(new Wanted(UUID.randomUUID(), 2)))
                .order()
                .id();
    }

    List<String> types() {
        return outbox.stream().map(Appended::type).toList();
    }

    @Test
    void placingStoresAPendingOrderAndAppendsOrderPlacedAndReserveStock() {
        var id = place();
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(types()).containsExactly(OrderPlaced.TYPE, ReserveStock.TYPE);
        assertThat(outbox).allSatisfy(appended -> assertThat(appended.key()).isEqualTo(id.toString()));
        assertThat(((OrderPlaced) outbox.getFirst().data()).total()).isEqualTo(NINE_EUR);
        assertThat(registry.counter("shop.orders.placed").count()).isEqualTo(1);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheEarlierOrderAndEmitsNothing() {
        var id = place();
        outbox.clear();
        when(keys.claim(any(), any(), any(), any())).thenReturn(Optional.of(id));
        var again = saga.place("alice", "alice@example.com", "key-1", List.of(new Wanted(UUID.randomUUID(), 2)));
        assertThat(again.created()).isFalse();
        assertThat(again.order().id()).isEqualTo(id);
        assertThat(outbox).isEmpty();
    }

    @Test
    void stockReservedAsksForPaymentOfTheTotalOnceEvenWhenRepeated() {
        var id = place();
        outbox.clear();
        saga.stockReserved(id);
        saga.stockReserved(id);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(types()).containsExactly(AuthorizePayment.TYPE);
        assertThat(((AuthorizePayment) outbox.getFirst().data()).amount()).isEqualTo(NINE_EUR);
        assertThat(order.getDeadlineAt()).isEqualTo(clock.now.plusSeconds(60));
    }

    @Test
    void stockRejectedCancelsWithoutPaymentOrRelease() {
        var id = place();
        outbox.clear();
        saga.stockRejected(id, "insufficient stock");
        saga.stockReserved(id); // a stray late reply changes nothing
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.getCancelReason()).isEqualTo(CancelReason.STOCK_REJECTED);
        assertThat(types()).containsExactly(OrderCancelled.TYPE);
        assertThat(((OrderCancelled) outbox.getFirst().data()).reason())
                .isEqualTo("stock-rejected: insufficient stock");
        assertThat(registry.counter("shop.orders.cancelled", "reason", "stock-rejected")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void paymentAuthorizedConfirmsAndCommitsTheStockOnce() {
        var id = place();
        saga.stockReserved(id);
        outbox.clear();
        clock.now = clock.now.plusMillis(250);
        saga.paymentAuthorized(id, UUID.randomUUID(), new Money(new BigDecimal("9.0"), "EUR"), "simulator", null);
        saga.paymentAuthorized(id, UUID.randomUUID(), new Money(new BigDecimal("9.0"), "EUR"), "simulator", null);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.getTimeline())
                .extracting(OrderTransition::getTo)
                .containsExactly(
                        OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.PAID, OrderStatus.CONFIRMED);
        assertThat(types()).containsExactly(CommitStock.TYPE, OrderConfirmed.TYPE);
        assertThat(registry.counter("shop.orders.confirmed").count()).isEqualTo(1);
        assertThat(registry.timer("shop.orders.saga.duration", "outcome", "confirmed")
                        .totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(250);
    }

    @Test
    void anAuthorizationOfAnotherAmountIsRefundedAndTheStockReleased() {
        var id = place();
        saga.stockReserved(id);
        outbox.clear();
        saga.paymentAuthorized(id, UUID.randomUUID(), new Money(new BigDecimal("1.00"), "EUR"), "simulator", null);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.getCancelReason()).isEqualTo(CancelReason.PAYMENT_MISMATCH);
        assertThat(types()).containsExactly(RefundPayment.TYPE, ReleaseStock.TYPE, OrderCancelled.TYPE);
    }

    @Test
    void aProviderThatConfirmsLessThanWasAskedCancelsAndRefundsAsNotAsCharged() {
        var id = place();
        saga.stockReserved(id);
        outbox.clear();
        saga.paymentAuthorized(id, UUID.randomUUID(), new Money(new BigDecimal("4.50"), "EUR"), "chapa", NINE_EUR);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.getCancelReason()).isEqualTo(CancelReason.PAYMENT_NOT_AS_CHARGED);
        assertThat(order.cancellationText()).contains("chapa confirmed 4.50 EUR");
        assertThat(types()).containsExactly(RefundPayment.TYPE, ReleaseStock.TYPE, OrderCancelled.TYPE);
        assertThat(registry.counter("shop.orders.cancelled", "reason", "payment-not-as-charged")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRefundOfAConfirmedOrderMovesItToRefundedRestocksItsLinesAndTellsTheCustomerOnce() {
        var id = place();
        saga.stockReserved(id);
        saga.paymentAuthorized(id, UUID.randomUUID(), NINE_EUR, "simulator", null);
        outbox.clear();

        saga.refundOnRequest(id, "damaged on delivery");
        assertThat(order.getStatus()).as("CONFIRMED until the money is back").isEqualTo(OrderStatus.CONFIRMED);
        assertThat(types()).containsExactly(RefundPayment.TYPE);
        outbox.clear();

        saga.paymentRefunded(id, NINE_EUR);
        saga.paymentRefunded(id, NINE_EUR);

        assertThat(order.getStatus()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.getTimeline().getLast().getReason()).isEqualTo("refunded: 9.00 EUR");
        assertThat(types()).containsExactly(RestockStock.TYPE, OrderRefunded.TYPE);
        assertThat(registry.counter("shop.orders.refunded").count()).isEqualTo(1);
        assertThatThrownBy(() -> saga.refundOnRequest(id, "again"))
                .isInstanceOf(dev.prodev.shop.order.orders.OrderRefused.OrderNotRefundable.class);
    }

    @Test
    void theRefundThatCompensatesACancelledOrderChangesNothingMore() {
        var id = place();
        saga.stockReserved(id);
        saga.paymentAuthorized(id, UUID.randomUUID(), new Money(new BigDecimal("1.00"), "EUR"), "simulator", null);
        outbox.clear();

        saga.paymentRefunded(id, new Money(new BigDecimal("1.00"), "EUR"));

        assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(types()).isEmpty();
    }

    @Test
    void moneyTakenForAnOrderThatDoesNotExistIsRefunded() {
        var unknown = UUID.randomUUID();
        when(orders.lockById(unknown)).thenReturn(Optional.empty());

        saga.paymentAuthorized(unknown, UUID.randomUUID(), NINE_EUR, "chapa", NINE_EUR);

        assertThat(types()).containsExactly(RefundPayment.TYPE);
        assertThat(outbox.getFirst().key()).isEqualTo(unknown.toString());
    }

    @Test
    void paymentFailedReleasesTheStockAndCancelsOnce() {
        var id = place();
        saga.stockReserved(id);
        outbox.clear();
        saga.paymentFailed(id, "card declined");
        saga.paymentFailed(id, "card declined");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(types()).containsExactly(ReleaseStock.TYPE, OrderCancelled.TYPE);
    }

    @Test
    void aPaymentAuthorizedAfterTheDeadlineCancelledTheOrderIsRefundedOnce() {
        var id = place();
        saga.stockReserved(id);
        clock.now = clock.now.plusSeconds(61);
        assertThat(saga.expire(id)).isEqualTo(OrderSaga.Expiry.CANCELLED);
        outbox.clear();
        var payment = UUID.randomUUID();
        saga.paymentAuthorized(id, payment, NINE_EUR, "simulator", null);
        saga.paymentAuthorized(id, payment, NINE_EUR, "simulator", null);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(types()).containsExactly(RefundPayment.TYPE);
    }

    @Test
    void anOverdueStockReplyResendsReserveStockAndKeepsTheOrderWaiting() {
        var id = place();
        var first = (ReserveStock) outbox.get(1).data();
        outbox.clear();
        clock.now = clock.now.plusSeconds(29);
        assertThat(saga.expire(id)).as("not yet overdue").isEqualTo(OrderSaga.Expiry.NOTHING);
        clock.now = clock.now.plusSeconds(2);
        assertThat(saga.expire(id)).isEqualTo(OrderSaga.Expiry.RESENT);
        assertThat(saga.expire(id)).as("waits another stock deadline").isEqualTo(OrderSaga.Expiry.NOTHING);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.getDeadlineAt()).isEqualTo(clock.now.plusSeconds(30));
        assertThat(order.getTimeline()).hasSize(1);
        assertThat(types()).containsExactly(ReserveStock.TYPE);
        assertThat(outbox.getFirst().data()).isEqualTo(first);
        assertThat(registry.counter("shop.orders.saga.resent", "step", "stock").count())
                .isEqualTo(1);
        assertThat(registry.find("shop.orders.cancelled").counters()).isEmpty();

        // the late reply still moves the order on
        saga.stockReserved(id);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.STOCK_RESERVED);
    }

    @Test
    void aStockStepWithoutAnyReplyUntilItsGiveUpIsCancelledAndReleasesWhatMayBeReserved() {
        var id = place();
        outbox.clear();
        var resends = 0;
        while (order.getStatus() == OrderStatus.PENDING) {
            clock.now = clock.now.plusSeconds(31);
            if (saga.expire(id) == OrderSaga.Expiry.RESENT) {
                resends++;
            }
        }
        assertThat(resends)
                .as("one resend per stock deadline until the give-up")
                .isBetween(18, 20);
        assertThat(order.getCancelReason()).isEqualTo(CancelReason.DEADLINE);
        assertThat(Duration.between(order.getCreatedAt(), clock.now)).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(types().subList(types().size() - 2, types().size()))
                .containsExactly(ReleaseStock.TYPE, OrderCancelled.TYPE);
        assertThat(saga.expire(id)).as("already cancelled").isEqualTo(OrderSaga.Expiry.NOTHING);
        assertThat(registry.counter("shop.orders.cancelled", "reason", "deadline")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theCustomerCancelsOnlyTheirOwnUnpaidOrder() {
        var id = place();
        assertThatThrownBy(() -> saga.cancelOnRequest(id, "mallory", false))
                .isInstanceOf(OrderRefused.OrderNotFound.class);
        saga.stockReserved(id);
        outbox.clear();
        var view = saga.cancelOnRequest(id, "alice", false);
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(types()).containsExactly(ReleaseStock.TYPE, OrderCancelled.TYPE);
        assertThatThrownBy(() -> saga.cancelOnRequest(id, "alice", false))
                .isInstanceOfSatisfying(
                        OrderRefused.OrderNotCancellable.class,
                        refusal -> assertThat(refusal.status()).isEqualTo(OrderStatus.CANCELLED));
    }

    @Test
    void anAdminMayCancelAnyUnpaidOrder() {
        var id = place();
        var view = saga.cancelOnRequest(id, "admin", true);
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationText()).isEqualTo("customer: by an admin");
    }

    @Test
    void aPaidOrderCannotBeCancelledOnRequest() {
        var id = place();
        saga.stockReserved(id);
        saga.paymentAuthorized(id, UUID.randomUUID(), NINE_EUR, "simulator", null);
        assertThatThrownBy(() -> saga.cancelOnRequest(id, "alice", false))
                .isInstanceOfSatisfying(
                        OrderRefused.OrderNotCancellable.class,
                        refusal -> assertThat(refusal.status()).isEqualTo(OrderStatus.CONFIRMED));
    }

    @Test
    void repliesForAnUnknownOrderAreIgnored() {
        saga.stockReserved(UUID.randomUUID());
        saga.paymentFailed(UUID.randomUUID(), "x");
        assertThat(outbox).isEmpty();
    }
}
