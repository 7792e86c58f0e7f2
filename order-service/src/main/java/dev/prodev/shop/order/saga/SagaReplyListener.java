package dev.prodev.shop.order.saga;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.stock.StockCommitFailed;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The saga participants' replies (catalog on {@code shop.stock}, payment on {@code shop.payments})
 * driving {@link OrderSaga}. The inbox row and the saga step commit together: a redelivered event
 * is dropped, a failed step is retried by the messaging library and then dead-lettered.
 * {@code StockReleased} and {@code PaymentRefunded} only confirm compensations already recorded,
 * so the tables leave them out.
 */
@Component
class SagaReplyListener implements EventSubscriber {

    static final String STOCK_CONSUMER = "order.saga.stock";
    static final String PAYMENT_CONSUMER = "order.saga.payments";

    private final OrderSaga saga;

    SagaReplyListener(OrderSaga saga) {
        this.saga = saga;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(
                EventHandlers.consumer(STOCK_CONSUMER, Topics.STOCK)
                        .on(StockReserved.class, reserved -> saga.stockReserved(reserved.orderId()))
                        .on(StockRejected.class, rejected -> saga.stockRejected(rejected.orderId(), rejected.reason()))
                        .on(
                                StockCommitFailed.class,
                                failed -> saga.stockCommitFailed(failed.orderId(), failed.reason()))
                        .build(),
                EventHandlers.consumer(PAYMENT_CONSUMER, Topics.PAYMENTS)
                        .on(
                                PaymentAuthorized.class,
                                authorized -> saga.paymentAuthorized(
                                        authorized.orderId(),
                                        authorized.paymentId(),
                                        authorized.amount(),
                                        authorized.provider(),
                                        authorized.requested()))
                        .on(PaymentFailed.class, failed -> saga.paymentFailed(failed.orderId(), failed.reason()))
                        .on(
                                PaymentRefunded.class,
                                refunded -> saga.paymentRefunded(refunded.orderId(), refunded.amount()))
                        .build());
    }
}
