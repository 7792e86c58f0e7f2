package dev.prodev.shop.user.erasure;

import dev.prodev.shop.user.keycloak.KeycloakAdminClient;
import dev.prodev.shop.web.problem.ShopProblem;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The erasure's housekeeping, on one replica at a time (ShedLock): deletes the Keycloak accounts
 * of erasures still pending after {@code keycloak-retry-after} (their {@code user.deleted} was
 * dead-lettered during a long Keycloak outage: the tombstone, not the dead letter, is the durable
 * to-do), and purges tombstones {@code tombstone-ttl} after Keycloak deleted their account, when
 * no token of it can still be valid. A tombstone whose account was never deleted is never purged.
 */
@Component
public class ErasureSweep {

    private static final Logger log = LoggerFactory.getLogger(ErasureSweep.class);

    private final ErasedSubjects erased;
    private final KeycloakAdminClient keycloak;
    private final ErasureProperties properties;

    ErasureSweep(ErasedSubjects erased, KeycloakAdminClient keycloak, ErasureProperties properties) {
        this.erased = erased;
        this.keycloak = keycloak;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${shop.users.erasure.sweep-interval:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "user.erasure-sweep", lockAtMostFor = "PT10M", lockAtLeastFor = "PT1S")
    public void sweep() {
        retryKeycloakDeletions(properties.keycloakRetryAfter());
        purgeExpiredTombstones();
    }

    /**
     * Deletes the Keycloak accounts of erasures pending for longer than {@code pendingFor}; stops at
     * the first failure (Keycloak is still down, the next sweep tries again).
     *
     * @return how many accounts were deleted (or found already gone)
     */
    public int retryKeycloakDeletions(Duration pendingFor) {
        int deleted = 0;
        for (var pending : erased.findTop100ByKeycloakDeletedAtIsNullAndErasedAtBeforeOrderByErasedAt(
                Instant.now().minus(pendingFor))) {
            try {
                keycloak.deleteUser(pending.getSubjectId());
            } catch (ShopProblem ex) {
                log.warn(
                        "Keycloak deletion of an erased account still fails ({}); retrying on the next sweep",
                        ex.getMessage());
                break;
            }
            erased.keycloakDeleted(pending.getSubjectId(), Instant.now());
            deleted++;
        }
        if (deleted > 0) {
            log.info("deleted {} pending Keycloak account(s) of erased users", deleted);
        }
        return deleted;
    }

    /** Removes tombstones whose account Keycloak deleted more than {@code tombstone-ttl} ago. */
    public int purgeExpiredTombstones() {
        int purged = erased.purgeDeletedBefore(Instant.now().minus(properties.tombstoneTtl()));
        if (purged > 0) {
            log.info("purged {} expired erasure tombstone(s)", purged);
        }
        return purged;
    }
}
