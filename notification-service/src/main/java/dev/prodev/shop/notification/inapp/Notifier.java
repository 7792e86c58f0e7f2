package dev.prodev.shop.notification.inapp;

import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.notification.email.Delivery;
import dev.prodev.shop.notification.email.DeliveryRepository;
import dev.prodev.shop.notification.email.EmailTraces;
import dev.prodev.shop.notification.recipient.RecipientDirectory;
import dev.prodev.shop.notification.template.NotificationTemplates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns something that happened to a user into an in-app notification and, for the kinds that
 * matter, a stored email delivery, all in the caller's (the event listener's) transaction. The
 * email is not sent here: {@code EmailDeliveryJob} sends it from the row, so an SMTP outage
 * never loses or blocks an event.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotificationRepository notifications;
    private final DeliveryRepository deliveries;
    private final RecipientDirectory directory;
    private final NotificationTemplates templates;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ObjectProvider<Tracer> tracer;
    private final EmailTraces emailTraces;
    private final DeadLetterStore deadLetters;

    public Notifier(
            NotificationRepository notifications,
            DeliveryRepository deliveries,
            RecipientDirectory directory,
            NotificationTemplates templates,
            ApplicationEventPublisher events,
            Clock clock,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            EmailTraces emailTraces,
            DeadLetterStore deadLetters) {
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.directory = directory;
        this.templates = templates;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
        this.tracer = tracer;
        this.emailTraces = emailTraces;
        this.deadLetters = deadLetters;
    }

    /**
     * Notifies {@code recipientId} once per {@code sourceEventId}. The listeners' inbox already
     * drops redeliveries; the unique source event id is the second line of defence (a replayed
     * topic with a cleaned-up inbox still sends no second email).
     *
     * @return whether a notification was stored
     */
    public boolean notify(
            String sourceEventId, String recipientId, NotificationKind kind, UUID orderId, Map<String, ?> facts) {
        if (directory.isErased(recipientId)) {
            log.info("not notifying erased user about {} (event {})", kind, sourceEventId);
            return false;
        }
        if (notifications.existsBySourceEventId(sourceEventId)) {
            log.info("event {} already notified, ignoring the redelivery", sourceEventId);
            return false;
        }
        if (orderId != null) {
            // lets an SRE find this hop in Zipkin by the order id a customer quotes (tag query orderId=...)
            tracer.ifAvailable(t -> {
                var span = t.currentSpan();
                if (span != null) {
                    span.tag("orderId", orderId.toString());
                }
            });
        }
        var recipient = directory.find(recipientId);
        var model = new HashMap<String, Object>(facts);
        model.put("name", recipient.greetingName());
        if (orderId != null) {
            model.put("orderId", orderId.toString());
        }
        var message = templates.render(kind, model);
        var now = clock.instant();
        var notification = notifications.save(new Notification(
                UUID.randomUUID(), recipientId, kind, orderId, message.subject(), message.text(), sourceEventId, now));
        if (kind.emailed()) {
            if (recipient.email() == null || recipient.email().isBlank()) {
                // nothing to send to; the in-app notification still informs them
                log.warn(
                        "no email address for user {}: {} notification {} stays in-app only",
                        recipientId,
                        kind,
                        notification.getId());
                Counter.builder("shop.notification.email.unaddressable")
                        .tag("kind", kind.name())
                        .register(meters)
                        .increment();
            } else {
                deliveries.save(Delivery.email(
                        notification.getId(),
                        recipientId,
                        recipient.email(),
                        message.subject(),
                        message.text(),
                        message.html(),
                        emailTraces.current(),
                        now));
            }
        }
        // not "...created": Prometheus reserves the _created suffix and would rename it to shop_notifications_total
        Counter.builder("shop.notifications.stored")
                .description("In-app notifications stored, by kind")
                .tag("kind", kind.name())
                .register(meters)
                .increment();
        events.publishEvent(new NotificationStored(recipientId, NotificationView.of(notification)));
        return true;
    }

    /**
     * {@code user.deleted}: the user's notifications, emails (sent or not), address, name and orders go, and
     * so do the payloads of dead letters that mention their id or address (they would keep both forever).
     */
    public void erase(String userId) {
        var email = directory.find(userId).email();
        var removedDeliveries = deliveries.deleteByRecipient(userId);
        var removedNotifications = notifications.deleteByRecipient(userId);
        directory.erase(userId);
        var redactedDeadLetters = deadLetters.redactPayloadsMentioning(userId, email);
        log.info(
                "erased user {}: {} notifications, {} deliveries, {} dead-letter payloads",
                userId,
                removedNotifications,
                removedDeliveries,
                redactedDeadLetters);
    }
}
