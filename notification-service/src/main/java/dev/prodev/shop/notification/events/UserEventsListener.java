package dev.prodev.shop.notification.events;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.events.user.UserRegistered;
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

/** User lifecycle on {@code shop.users}: fill the directory and welcome; erase on deletion (GDPR). */
@Component
class UserEventsListener {

    static final String CONSUMER = "notification.users";

    private final Notifier notifier;
    private final RecipientDirectory directory;
    private final Inbox inbox;

    UserEventsListener(Notifier notifier, RecipientDirectory directory, Inbox inbox) {
        this.notifier = notifier;
        this.directory = directory;
        this.inbox = inbox;
    }

    @KafkaListener(id = "notification-users", idIsGroup = false, topics = Topics.USERS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return; // redelivery: already applied, and its email already queued once
        }
        switch (event.type()) {
            case UserRegistered.TYPE -> {
                var registered = event.data(UserRegistered.class);
                directory.registered(registered.userId(), registered.email(), registered.displayName());
                notifier.notify(event.id(), registered.userId(), NotificationKind.WELCOME, null, Map.of());
            }
            case UserDeleted.TYPE -> notifier.erase(event.data(UserDeleted.class).userId());
            case null, default -> {
                // not for us
            }
        }
    }
}
