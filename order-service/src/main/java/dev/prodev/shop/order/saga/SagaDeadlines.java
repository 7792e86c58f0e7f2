package dev.prodev.shop.order.saga;

import dev.prodev.shop.order.orders.OrderRepository;
import dev.prodev.shop.order.orders.OrderStatus;
import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Handles sagas past their step's deadline ({@link OrderSaga#expire}, ADR 0021): an overdue
 * stock step gets its command again and keeps waiting, an overdue payment step (or a stock step
 * past its give-up) is compensated and cancelled. ShedLock makes one replica at a time run it; each order is expired in its
 * own transaction under a row lock, so a reply racing the job is applied before or after, never both.
 */
@Component
class SagaDeadlines {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final OrderRepository orders;
    private final OrderSaga saga;
    private final SagaProperties properties;
    private final Clock clock;

    SagaDeadlines(OrderRepository orders, OrderSaga saga, SagaProperties properties, Clock clock) {
        this.orders = orders;
        this.saga = saga;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${shop.orders.saga.expiry-interval:5s}",
            initialDelayString = "${shop.orders.saga.expiry-interval:5s}")
    @SchedulerLock(name = "order-saga-deadlines", lockAtMostFor = "PT2M")
    void expireOverdueSagas() {
        var overdue = orders.findOverdue(
                OrderStatus.RUNNING, clock.instant(), PageRequest.of(0, properties.expiryBatchSize()));
        var resent = 0;
        var expired = 0;
        for (var orderId : overdue) {
            try {
                switch (saga.expire(orderId)) {
                    case RESENT -> resent++;
                    case CANCELLED -> expired++;
                    case NOTHING -> {}
                }
            } catch (RuntimeException ex) {
                // one bad order must not stop the others; it is picked up again next run
                log.warn("could not expire order {}: {}", orderId, ex.toString());
            }
        }
        if (resent > 0) {
            log.warn("sent ReserveStock again for {} order(s) still waiting for the catalog", resent);
        }
        if (expired > 0) {
            log.info("expired {} overdue order saga(s)", expired);
        }
    }
}
