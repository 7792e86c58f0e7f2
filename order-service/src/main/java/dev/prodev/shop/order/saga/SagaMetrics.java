package dev.prodev.shop.order.saga;

import dev.prodev.shop.order.orders.CancelReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Business metrics of the saga: orders placed, confirmed and cancelled (by reason), and how long
 * a saga ran from placed to its end. Counted after commit, so a rolled-back step counts nothing.
 */
@Component
class SagaMetrics {

    private final MeterRegistry registry;
    private final Counter placed;
    private final Counter confirmed;

    SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placed = Counter.builder("shop.orders.placed")
                .description("Orders accepted (PENDING)")
                .register(registry);
        this.confirmed = Counter.builder("shop.orders.confirmed")
                .description("Orders confirmed")
                .register(registry);
    }

    void placed() {
        afterCommit(placed::increment);
    }

    void confirmed(Duration sagaDuration) {
        afterCommit(() -> {
            confirmed.increment();
            duration("confirmed").record(sagaDuration);
        });
    }

    void refunded() {
        afterCommit(() -> Counter.builder("shop.orders.refunded")
                .description("Confirmed orders refunded in full (returns)")
                .register(registry)
                .increment());
    }

    void cancelled(CancelReason reason, Duration sagaDuration) {
        afterCommit(() -> {
            Counter.builder("shop.orders.cancelled")
                    .description("Orders cancelled, by reason")
                    .tag("reason", reason.code())
                    .register(registry)
                    .increment();
            duration("cancelled").record(sagaDuration);
        });
    }

    /**
     * A saga step's reply was overdue and its command was sent again ({@code step} is the bounded
     * name of the step): the pipeline is behind, no order was lost.
     */
    void stepResent(String step) {
        afterCommit(() -> Counter.builder("shop.orders.saga.resent")
                .description("Saga commands sent again because their reply was overdue, by step")
                .tag("step", step)
                .register(registry)
                .increment());
    }

    private Timer duration(String outcome) {
        return Timer.builder("shop.orders.saga.duration")
                .description("Time from placed to confirmed or cancelled")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
