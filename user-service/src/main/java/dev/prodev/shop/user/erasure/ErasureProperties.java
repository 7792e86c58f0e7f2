package dev.prodev.shop.user.erasure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account erasure ({@code shop.users.erasure.*}).
 *
 * @param tombstoneTtl how long an erased subject stays refused after Keycloak deleted the account;
 *        keep it at least the realm's longest access-token lifetime (15 min in our realms), or a
 *        token issued just before the deletion would recreate the profile
 * @param sweepInterval how often the sweep retries pending Keycloak deletions and purges expired tombstones
 * @param keycloakRetryAfter how old a pending Keycloak deletion must be before the sweep retries it
 *        (younger ones are the {@code user.deleted} consumer's, which retries by itself)
 */
@ConfigurationProperties("shop.users.erasure")
public record ErasureProperties(
        @DefaultValue("PT1H") Duration tombstoneTtl,
        @DefaultValue("PT1M") Duration sweepInterval,
        @DefaultValue("PT5M") Duration keycloakRetryAfter) {}
