package dev.prodev.shop.user.erasure;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import dev.prodev.shop.user.keycloak.KeycloakAdminClient;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the Keycloak account of an erasure after it committed: user-service consumes its own
 * {@code user.deleted}, so the erasure (profile, addresses, tombstone, event) never depends on
 * Keycloak being up, and a failed commit cannot leave an account deleted without its event.
 * Keycloak answering 404 means already gone: done. A failure rolls the inbox entry back and the
 * record is retried, then dead-lettered; {@link ErasureSweep} finishes what was dead-lettered.
 */
@Component
class KeycloakAccountDeletionListener implements EventSubscriber {

    static final String CONSUMER = "user.keycloak-deletion";

    private static final Logger log = LoggerFactory.getLogger(KeycloakAccountDeletionListener.class);

    private final KeycloakAdminClient keycloak;
    private final ErasedSubjects erased;

    KeycloakAccountDeletionListener(KeycloakAdminClient keycloak, ErasedSubjects erased) {
        this.keycloak = keycloak;
        this.erased = erased;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.USERS)
                .on(UserDeleted.class, this::deleteAccount)
                .build());
    }

    private void deleteAccount(UserDeleted deleted) {
        keycloak.deleteUser(deleted.userId());
        erased.keycloakDeleted(deleted.userId(), Instant.now());
        log.info("deleted the Keycloak account of an erased user");
    }
}
