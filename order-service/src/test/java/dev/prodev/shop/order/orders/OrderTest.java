package dev.prodev.shop.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final UUID PAYMENT = UUID.randomUUID();

    static Order newOrder() {
        return Order.place(
                UUID.randomUUID(),
                "alice",
                "alice@example.com",
                List.of(
                        new OrderLineItem(UUID.randomUUID(), "SKU-1", "Mug", 2, new BigDecimal("4.50"), "EUR"),
                        new OrderLineItem(UUID.randomUUID(), "SKU-2", "Tea", 1, new BigDecimal("10.00"), "EUR")),
                T0,
                T0.plusSeconds(30));
    }

    /** An order brought to {@code state} along legal moves only. */
    static Order orderIn(OrderStatus state) {
        var order = newOrder();
        switch (state) {
            case PENDING -> {}
            case STOCK_RESERVED -> order.stockReserved(T0.plusSeconds(1), T0.plusSeconds(61));
            case PAID -> {
                order.stockReserved(T0.plusSeconds(1), T0.plusSeconds(61));
                order.paid(PAYMENT, "simulator", T0.plusSeconds(2));
            }
            case CONFIRMED -> {
                order.stockReserved(T0.plusSeconds(1), T0.plusSeconds(61));
                order.paid(PAYMENT, "simulator", T0.plusSeconds(2));
                order.confirm(T0.plusSeconds(3));
            }
            case CANCELLED -> order.cancel(CancelReason.CUSTOMER, null, T0.plusSeconds(1));
            case REFUNDED -> {
                order.stockReserved(T0.plusSeconds(1), T0.plusSeconds(61));
                order.paid(PAYMENT, "simulator", T0.plusSeconds(2));
                order.confirm(T0.plusSeconds(3));
                order.refunded("9.00 EUR", T0.plusSeconds(4));
            }
        }
        return order;
    }

    /** Attempts the move to {@code target} with the aggregate method that leads there. */
    static void attempt(Order order, OrderStatus target) {
        var at = T0.plusSeconds(10);
        switch (target) {
            case STOCK_RESERVED -> order.stockReserved(at, at.plusSeconds(60));
            case PAID -> order.paid(PAYMENT, "simulator", at);
            case CONFIRMED -> order.confirm(at);
            case CANCELLED ->
                order.cancel(
                        order.getStatus() == OrderStatus.CONFIRMED
                                ? CancelReason.STOCK_COMMIT_FAILED
                                : CancelReason.DEADLINE,
                        "test",
                        at);
            case REFUNDED -> order.refunded("test", at);
            case PENDING -> throw new IllegalArgumentException("no move leads back to PENDING");
        }
    }

    static Stream<Arguments> everyMove() {
        var moves = new ArrayList<Arguments>();
        for (var from : OrderStatus.values()) {
            for (var to : List.of(
                    OrderStatus.STOCK_RESERVED,
                    OrderStatus.PAID,
                    OrderStatus.CONFIRMED,
                    OrderStatus.CANCELLED,
                    OrderStatus.REFUNDED)) {
                moves.add(Arguments.of(from, to));
            }
        }
        return moves.stream();
    }

    static final List<List<OrderStatus>> LEGAL = List.of(
            List.of(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED),
            List.of(OrderStatus.PENDING, OrderStatus.CANCELLED),
            List.of(OrderStatus.STOCK_RESERVED, OrderStatus.PAID),
            List.of(OrderStatus.STOCK_RESERVED, OrderStatus.CANCELLED),
            List.of(OrderStatus.PAID, OrderStatus.CONFIRMED),
            List.of(OrderStatus.PAID, OrderStatus.CANCELLED),
            // only as the compensation of a failed stock commit (cancellationOfAConfirmedOrder...)
            List.of(OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
            // a refund of a confirmed order, once payment-service gave the money back (ADR 0025)
            List.of(OrderStatus.CONFIRMED, OrderStatus.REFUNDED));

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyMove")
    void allowsExactlyTheSagasMovesAndRecordsEachInTheTimeline(OrderStatus from, OrderStatus to) {
        var order = orderIn(from);
        var timelineBefore = order.getTimeline().size();
        if (LEGAL.contains(List.of(from, to))) {
            attempt(order, to);
            assertThat(order.getStatus()).isEqualTo(to);
            assertThat(order.getTimeline()).hasSize(timelineBefore + 1);
            var last = order.getTimeline().getLast();
            assertThat(last.getFrom()).isEqualTo(from);
            assertThat(last.getTo()).isEqualTo(to);
            assertThat(last.getAt()).isEqualTo(T0.plusSeconds(10));
            assertThat(order.getUpdatedAt()).isEqualTo(T0.plusSeconds(10));
        } else {
            assertThatThrownBy(() -> attempt(order, to))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(from + " to " + to);
            assertThat(order.getStatus()).isEqualTo(from);
            assertThat(order.getTimeline()).hasSize(timelineBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void statusTableAgreesWithTheListOfLegalMoves(OrderStatus from) {
        for (var to : OrderStatus.values()) {
            assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(LEGAL.contains(List.of(from, to)));
        }
    }

    @Test
    void aNewOrderIsPendingWithTheTotalOfItsLinesAndATimelineEntry() {
        var order = newOrder();
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.getTotalAmount()).isEqualByComparingTo("19.00");
        assertThat(order.getCurrency()).isEqualTo("EUR");
        assertThat(order.getDeadlineAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(order.getTimeline()).singleElement().satisfies(entry -> {
            assertThat(entry.getFrom()).isNull();
            assertThat(entry.getTo()).isEqualTo(OrderStatus.PENDING);
        });
    }

    @Test
    void refusesAnOrderInTwoCurrenciesOrWithoutLines() {
        assertThatThrownBy(() -> Order.place(
                        UUID.randomUUID(),
                        "alice",
                        "a@example.com",
                        List.of(
                                new OrderLineItem(UUID.randomUUID(), "A", "A", 1, BigDecimal.ONE, "EUR"),
                                new OrderLineItem(UUID.randomUUID(), "B", "B", 1, BigDecimal.ONE, "ETB")),
                        T0,
                        T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.place(UUID.randomUUID(), "alice", "a@example.com", List.of(), T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachStepSetsTheDeadlineOfTheNextAndTheEndClearsIt() {
        var order = newOrder();
        order.stockReserved(T0.plusSeconds(1), T0.plusSeconds(61));
        assertThat(order.getDeadlineAt()).isEqualTo(T0.plusSeconds(61));
        order.paid(PAYMENT, "simulator", T0.plusSeconds(2));
        assertThat(order.getPaymentId()).isEqualTo(PAYMENT);
        order.confirm(T0.plusSeconds(3));
        assertThat(order.getDeadlineAt()).isNull();
        assertThat(order.getTimeline())
                .extracting(OrderTransition::getTo)
                .containsExactly(
                        OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.PAID, OrderStatus.CONFIRMED);
    }

    @Test
    void cancellationUndoesWhatTheStateItLeavesHolds() {
        assertThat(orderIn(OrderStatus.PENDING).cancel(CancelReason.STOCK_REJECTED, "out of stock", T0))
                .as("the catalog rejected: nothing reserved")
                .isEqualTo(Compensation.NONE);
        assertThat(orderIn(OrderStatus.PENDING).cancel(CancelReason.CUSTOMER, null, T0))
                .as("a reservation may be racing the cancel")
                .isEqualTo(new Compensation(true, false));
        assertThat(orderIn(OrderStatus.STOCK_RESERVED).cancel(CancelReason.PAYMENT_FAILED, "declined", T0))
                .isEqualTo(new Compensation(true, false));
        assertThat(orderIn(OrderStatus.PAID).cancel(CancelReason.DEADLINE, null, T0))
                .as("money and stock are held")
                .isEqualTo(new Compensation(true, true));
    }

    /** Issue #14 finding 4: a confirmed order leaves CONFIRMED only when its stock could not be committed. */
    @Test
    void aConfirmedOrderIsCancelledOnlyForAFailedStockCommitAndThenItsMoneyGoesBack() {
        assertThat(orderIn(OrderStatus.CONFIRMED).cancel(CancelReason.STOCK_COMMIT_FAILED, "stock sold", T0))
                .as("nothing held, the money goes back")
                .isEqualTo(new Compensation(false, true));
        var confirmed = orderIn(OrderStatus.CONFIRMED);
        assertThatThrownBy(() -> confirmed.cancel(CancelReason.DEADLINE, null, T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(confirmed.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void cancellationKeepsTheReasonCodeAndTextAndEndsTheSaga() {
        var order = orderIn(OrderStatus.STOCK_RESERVED);
        order.cancel(CancelReason.PAYMENT_FAILED, "card declined", T0.plusSeconds(5));
        assertThat(order.getCancelReason()).isEqualTo(CancelReason.PAYMENT_FAILED);
        assertThat(order.cancellationText()).isEqualTo("payment-failed: card declined");
        assertThat(order.getDeadlineAt()).isNull();
    }

    @Test
    void onlyUnpaidOrdersAreCancellableByTheCustomer() {
        assertThat(orderIn(OrderStatus.PENDING).isCancellableByCustomer()).isTrue();
        assertThat(orderIn(OrderStatus.STOCK_RESERVED).isCancellableByCustomer())
                .isTrue();
        assertThat(orderIn(OrderStatus.PAID).isCancellableByCustomer()).isFalse();
        assertThat(orderIn(OrderStatus.CONFIRMED).isCancellableByCustomer()).isFalse();
        assertThat(orderIn(OrderStatus.CANCELLED).isCancellableByCustomer()).isFalse();
    }

    @Test
    void aLatePaymentIsNewsOnceAndOnlyForACancelledOrder() {
        var order = orderIn(OrderStatus.CANCELLED);
        assertThat(order.latePayment(PAYMENT)).isTrue();
        assertThat(order.latePayment(PAYMENT)).isFalse();
        assertThatThrownBy(() -> orderIn(OrderStatus.STOCK_RESERVED).latePayment(PAYMENT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void erasingPersonalDataKeepsTheFinancialFacts() {
        var order = orderIn(OrderStatus.CONFIRMED);
        order.erasePersonalData();
        assertThat(order.getCustomerEmail()).isEqualTo(Order.ERASED_EMAIL);
        assertThat(order.getTotalAmount()).isEqualByComparingTo("19.00");
        assertThat(order.getLines()).hasSize(2);
        assertThat(order.getTimeline()).hasSize(4);
    }
}
