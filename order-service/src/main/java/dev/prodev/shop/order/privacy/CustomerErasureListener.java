package dev.prodev.shop.order.privacy;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.order.admission.ErasedCustomers;
import dev.prodev.shop.order.orders.OrderRepository;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A customer deleted their account (GDPR): their orders forget the e-mail address, while the
 * financial facts (lines, prices, totals, timeline) stay, as bookkeeping requires. The customer
 * id is Keycloak's opaque id, which identifies nobody once the account is gone.
 */
@Component
class CustomerErasureListener implements EventSubscriber {

    static final String CONSUMER = "order.customer-erasure";

    private static final Logger log = LoggerFactory.getLogger(CustomerErasureListener.class);

    private final OrderRepository orders;
    private final ErasedCustomers tombstones;
    private final DeadLetterStore deadLetters;

    CustomerErasureListener(OrderRepository orders, ErasedCustomers tombstones, DeadLetterStore deadLetters) {
        this.orders = orders;
        this.tombstones = tombstones;
        this.deadLetters = deadLetters;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.USERS)
                .on(UserDeleted.class, this::erase)
                .build());
    }

    private void erase(UserDeleted deleted) {
        tombstones.record(deleted.userId());
        var erased = orders.findAllByCustomerId(deleted.userId());
        // dead letters would keep the id and address forever (issue #12)
        var mentions = Stream.concat(
                        Stream.of(deleted.userId()), erased.stream().map(order -> order.getCustomerEmail()))
                .distinct()
                .toArray(String[]::new);
        deadLetters.redactPayloadsMentioning(mentions);
        erased.forEach(order -> order.erasePersonalData());
        log.info("erased personal data of a deleted customer from {} order(s)", erased.size());
    }
}
