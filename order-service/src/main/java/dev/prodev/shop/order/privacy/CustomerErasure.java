package dev.prodev.shop.order.privacy;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.order.admission.ErasedCustomers;
import dev.prodev.shop.order.orders.OrderRepository;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer deleted their account (GDPR): their orders forget the e-mail address, while the
 * financial facts (lines, prices, totals, timeline) stay, as bookkeeping requires. The customer
 * id is Keycloak's opaque id, which identifies nobody once the account is gone.
 */
@Component
class CustomerErasure {

    static final String CONSUMER = "order.customer-erasure";

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

    private final Inbox inbox;
    private final OrderRepository orders;
    private final ErasedCustomers tombstones;
    private final DeadLetterStore deadLetters;

    CustomerErasure(Inbox inbox, OrderRepository orders, ErasedCustomers tombstones, DeadLetterStore deadLetters) {
        this.inbox = inbox;
        this.orders = orders;
        this.tombstones = tombstones;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.USERS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!UserDeleted.TYPE.equals(event.type()) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        var deleted = event.data(UserDeleted.class);
        tombstones.record(deleted.userId());
        var erased = orders.findAllByCustomerId(deleted.userId());
        // dead letters would keep the id and address forever (issue #12)
        deadLetters.redactPayloadsMentioning(deleted.userId());
        erased.forEach(order -> deadLetters.redactPayloadsMentioning(order.getCustomerEmail()));
        erased.forEach(order -> order.erasePersonalData());
        log.info("erased personal data of a deleted customer from {} order(s)", erased.size());
    }
}
