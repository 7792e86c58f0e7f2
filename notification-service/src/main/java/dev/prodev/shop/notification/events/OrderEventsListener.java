package dev.prodev.shop.notification.events;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.notification.notification.NotificationKind;
import dev.prodev.shop.notification.notification.Notifier;
import dev.prodev.shop.notification.recipient.RecipientDirectory;
import java.util.Map;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Order lifecycle on {@code shop.orders}: remember whose order it is, and tell them. */
@Component
class OrderEventsListener {

    static final String CONSUMER = "notification.orders";

    private final Notifier notifier;
    private final RecipientDirectory directory;
    private final Inbox inbox;

    OrderEventsListener(Notifier notifier, RecipientDirectory directory, Inbox inbox) {
        this.notifier = notifier;
        this.directory = directory;
        this.inbox = inbox;
    }

    @KafkaListener(id = "notification-orders", idIsGroup = false, topics = Topics.ORDERS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return; // redelivery: already applied, and its email already queued once
        }
        switch (event.type()) {
            case OrderPlaced.TYPE -> {
                var placed = event.data(OrderPlaced.class);
                directory.ordered(placed.orderId(), placed.customerId(), placed.customerEmail());
                notifier.notify(event.id(), placed.customerId(), NotificationKind.ORDER_PLACED, placed.orderId(),
                        Map.of("total", Amounts.format(placed.total())));
            }
            case OrderConfirmed.TYPE -> {
                var confirmed = event.data(OrderConfirmed.class);
                directory.ordered(confirmed.orderId(), confirmed.customerId(), confirmed.customerEmail());
                notifier.notify(event.id(), confirmed.customerId(), NotificationKind.ORDER_CONFIRMED,
                        confirmed.orderId(), Map.of("total", Amounts.format(confirmed.total())));
            }
            case OrderCancelled.TYPE -> {
                var cancelled = event.data(OrderCancelled.class);
                directory.ordered(cancelled.orderId(), cancelled.customerId(), cancelled.customerEmail());
                notifier.notify(event.id(), cancelled.customerId(), NotificationKind.ORDER_CANCELLED,
                        cancelled.orderId(), Map.of("reason", Reasons.readable(cancelled.reason())));
            }
            case null, default -> {
                // other order event types concern other consumers
            }
        }
    }
}
