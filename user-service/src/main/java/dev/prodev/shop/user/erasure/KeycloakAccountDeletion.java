package dev.prodev.shop.user.erasure;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.user.keycloak.KeycloakAdminClient;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes the Keycloak account of an erasure after it committed: user-service consumes its own
 * {@code user.deleted}, so the erasure (profile, addresses, tombstone, event) never depends on
 * Keycloak being up, and a failed commit cannot leave an account deleted without its event.
 * Keycloak answering 404 means already gone: done. A failure rolls the inbox entry back and the
 * record is retried, then dead-lettered; {@link ErasureSweep} finishes what was dead-lettered.
 */
@Component
class KeycloakAccountDeletion {

    static final String CONSUMER = "user.keycloak-deletion";

    private static final Logger log = LoggerFactory.getLogger(KeycloakAccountDeletion.class);

    private final Inbox inbox;
    private final KeycloakAdminClient keycloak;
    private final ErasedSubjects erased;

    KeycloakAccountDeletion(Inbox inbox, KeycloakAdminClient keycloak, ErasedSubjects erased) {
        this.inbox = inbox;
        this.keycloak = keycloak;
        this.erased = erased;
    }

    @KafkaListener(id = "user-keycloak-deletion", idIsGroup = false, topics = Topics.USERS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!UserDeleted.TYPE.equals(event.type()) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        var userId = event.data(UserDeleted.class).userId();
        keycloak.deleteUser(userId);
        erased.keycloakDeleted(userId, Instant.now());
        log.info("deleted the Keycloak account of an erased user");
    }
}
