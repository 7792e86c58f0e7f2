package dev.prodev.shop.notification.events;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.events.order.OrderRefunded;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import dev.prodev.shop.notification.inapp.NotificationKind;
import dev.prodev.shop.notification.inapp.Notifier;
import dev.prodev.shop.notification.recipient.RecipientDirectory;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Order lifecycle on {@code shop.orders}: remember whose order it is, and tell them. The inbox
 * makes a redelivery change nothing, so each email is queued once.
 */
@Component
class OrderEventListener implements EventSubscriber {

    static final String CONSUMER = "notification.orders";

    private final Notifier notifier;
    private final RecipientDirectory directory;

    OrderEventListener(Notifier notifier, RecipientDirectory directory) {
        this.notifier = notifier;
        this.directory = directory;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.ORDERS)
                .on(OrderPlaced.class, (event, placed) -> {
                    directory.ordered(placed.orderId(), placed.customerId(), placed.customerEmail());
                    notifier.notify(
                            event.id(),
                            placed.customerId(),
                            NotificationKind.ORDER_PLACED,
                            placed.orderId(),
                            Map.of("total", Amounts.format(placed.total())));
                })
                .on(OrderConfirmed.class, (event, confirmed) -> {
                    directory.ordered(confirmed.orderId(), confirmed.customerId(), confirmed.customerEmail());
                    notifier.notify(
                            event.id(),
                            confirmed.customerId(),
                            NotificationKind.ORDER_CONFIRMED,
                            confirmed.orderId(),
                            Map.of("total", Amounts.format(confirmed.total())));
                })
                .on(OrderCancelled.class, (event, cancelled) -> {
                    directory.ordered(cancelled.orderId(), cancelled.customerId(), cancelled.customerEmail());
                    notifier.notify(
                            event.id(),
                            cancelled.customerId(),
                            NotificationKind.ORDER_CANCELLED,
                            cancelled.orderId(),
                            Map.of("reason", Reasons.readable(cancelled.reason())));
                })
                .on(OrderRefunded.class, (event, refunded) -> {
                    directory.ordered(refunded.orderId(), refunded.customerId(), refunded.customerEmail());
                    notifier.notify(
                            event.id(),
                            refunded.customerId(),
                            NotificationKind.ORDER_REFUNDED,
                            refunded.orderId(),
                            Map.of("amount", Amounts.format(refunded.amount())));
                })
                .build());
    }
}
