package dev.prodev.shop.notification.events;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.events.user.UserRegistered;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import dev.prodev.shop.notification.inapp.NotificationKind;
import dev.prodev.shop.notification.inapp.Notifier;
import dev.prodev.shop.notification.recipient.RecipientDirectory;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** User lifecycle on {@code shop.users}: fill the directory and welcome; erase on deletion (GDPR). */
@Component
class UserEventListener implements EventSubscriber {

    static final String CONSUMER = "notification.users";

    private final Notifier notifier;
    private final RecipientDirectory directory;

    UserEventListener(Notifier notifier, RecipientDirectory directory) {
        this.notifier = notifier;
        this.directory = directory;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.USERS)
                .on(UserRegistered.class, (event, registered) -> {
                    directory.registered(registered.userId(), registered.email(), registered.displayName());
                    notifier.notify(event.id(), registered.userId(), NotificationKind.WELCOME, null, Map.of());
                })
                .on(UserDeleted.class, deleted -> notifier.erase(deleted.userId()))
                .build());
    }
}
