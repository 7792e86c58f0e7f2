package dev.prodev.shop.notification.events;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.notification.notification.NotificationKind;
import dev.prodev.shop.notification.notification.Notifier;
import dev.prodev.shop.notification.recipient.RecipientDirectory;
import java.util.Map;
import java.util.UUID;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment outcomes on {@code shop.payments}. They name only the order, so the customer comes from
 * the directory that {@code order.placed} filled; if that event has not been consumed yet, the
 * listener fails and the record is retried with backoff (then dead-lettered), never dropped.
 */
@Component
class PaymentEventsListener {

    static final String CONSUMER = "notification.payments";

    private final Notifier notifier;
    private final RecipientDirectory directory;
    private final Inbox inbox;

    PaymentEventsListener(Notifier notifier, RecipientDirectory directory, Inbox inbox) {
        this.notifier = notifier;
        this.directory = directory;
        this.inbox = inbox;
    }

    @KafkaListener(id = "notification-payments", idIsGroup = false, topics = Topics.PAYMENTS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return; // redelivery: already applied, and its email already queued once
        }
        switch (event.type()) {
            case PaymentAuthorized.TYPE -> {
                var authorized = event.data(PaymentAuthorized.class);
                notify(event, authorized.orderId(), NotificationKind.PAYMENT_AUTHORIZED,
                        Map.of("amount", Amounts.format(authorized.amount())));
            }
            case PaymentFailed.TYPE -> {
                var failed = event.data(PaymentFailed.class);
                notify(event, failed.orderId(), NotificationKind.PAYMENT_FAILED,
                        Map.of("reason", Reasons.readable(failed.reason())));
            }
            case PaymentRefunded.TYPE -> {
                var refunded = event.data(PaymentRefunded.class);
                notify(event, refunded.orderId(), NotificationKind.PAYMENT_REFUNDED,
                        Map.of("amount", Amounts.format(refunded.amount())));
            }
            case null, default -> {
                // not for us
            }
        }
    }

    private void notify(IncomingEvent event, UUID orderId, NotificationKind kind, Map<String, ?> facts) {
        var customer = directory.customerOf(orderId).orElseThrow(() -> new UnknownOrderException(orderId, event.type()));
        notifier.notify(event.id(), customer, kind, orderId, facts);
    }
}
