package dev.prodev.shop.order.saga;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga participants' replies (catalog on {@code shop.stock}, payment on {@code shop.payments})
 * driving {@link OrderSaga}. The inbox row and the saga step commit together: a redelivered event
 * is dropped, a failed step is retried by the messaging library and then dead-lettered.
 */
@Component
class SagaReplies {

    static final String STOCK_CONSUMER = "order.saga.stock";
    static final String PAYMENT_CONSUMER = "order.saga.payments";

    private static final Logger log = LoggerFactory.getLogger(SagaReplies.class);

    private final Inbox inbox;
    private final OrderSaga saga;

    SagaReplies(Inbox inbox, OrderSaga saga) {
        this.inbox = inbox;
        this.saga = saga;
    }

    @KafkaListener(id = STOCK_CONSUMER, idIsGroup = false, topics = Topics.STOCK)
    @Transactional
    void onStock(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(STOCK_CONSUMER, event)) {
            return;
        }
        switch (event.type()) {
            case StockReserved.TYPE -> saga.stockReserved(event.data(StockReserved.class).orderId());
            case StockRejected.TYPE -> {
                var rejected = event.data(StockRejected.class);
                saga.stockRejected(rejected.orderId(), rejected.reason());
            }
            // StockReleased only confirms a compensation we already recorded
            default -> log.debug("{} on {} needs nothing from the order saga", event.type(), record.topic());
        }
    }

    @KafkaListener(id = PAYMENT_CONSUMER, idIsGroup = false, topics = Topics.PAYMENTS)
    @Transactional
    void onPayment(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(PAYMENT_CONSUMER, event)) {
            return;
        }
        switch (event.type()) {
            case PaymentAuthorized.TYPE -> {
                var authorized = event.data(PaymentAuthorized.class);
                saga.paymentAuthorized(authorized.orderId(), authorized.paymentId(), authorized.amount(),
                        authorized.provider());
            }
            case PaymentFailed.TYPE -> {
                var failed = event.data(PaymentFailed.class);
                saga.paymentFailed(failed.orderId(), failed.reason());
            }
            // PaymentRefunded confirms a compensation we already recorded
            default -> log.debug("{} on {} needs nothing from the order saga", event.type(), record.topic());
        }
    }
}
