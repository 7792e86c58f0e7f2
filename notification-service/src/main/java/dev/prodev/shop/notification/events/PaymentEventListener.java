package dev.prodev.shop.notification.events;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import dev.prodev.shop.notification.inapp.NotificationKind;
import dev.prodev.shop.notification.inapp.Notifier;
import dev.prodev.shop.notification.recipient.RecipientDirectory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Payment outcomes on {@code shop.payments}. They name only the order, so the customer comes from
 * the directory that {@code order.placed} filled; if that event has not been consumed yet, the
 * handler fails and the record is retried with backoff (then dead-lettered), never dropped.
 */
@Component
class PaymentEventListener implements EventSubscriber {

    static final String CONSUMER = "notification.payments";

    private final Notifier notifier;
    private final RecipientDirectory directory;

    PaymentEventListener(Notifier notifier, RecipientDirectory directory) {
        this.notifier = notifier;
        this.directory = directory;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.PAYMENTS)
                .on(
                        PaymentAuthorized.class,
                        (event, authorized) -> notify(
                                event,
                                authorized.orderId(),
                                NotificationKind.PAYMENT_AUTHORIZED,
                                Map.of("amount", Amounts.format(authorized.amount()))))
                .on(
                        PaymentFailed.class,
                        (event, failed) -> notify(
                                event,
                                failed.orderId(),
                                NotificationKind.PAYMENT_FAILED,
                                Map.of("reason", Reasons.readable(failed.reason()))))
                .on(
                        PaymentRefunded.class,
                        (event, refunded) -> notify(
                                event,
                                refunded.orderId(),
                                NotificationKind.PAYMENT_REFUNDED,
                                Map.of("amount", Amounts.format(refunded.amount()))))
                .build());
    }

    private void notify(IncomingEvent event, UUID orderId, NotificationKind kind, Map<String, ?> facts) {
        var customer =
                directory.customerOf(orderId).orElseThrow(() -> new UnknownOrderException(orderId, event.type()));
        notifier.notify(event.id(), customer, kind, orderId, facts);
    }
}
