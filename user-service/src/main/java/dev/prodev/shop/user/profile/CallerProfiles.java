package dev.prodev.shop.user.profile;

import dev.prodev.shop.web.security.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's profile, created from the token on first use for accounts that did not sign up
 * through us (demo users, accounts an admin created in Keycloak). An erased account never gets
 * here: its requests are refused before the handler ({@code erasure.ErasedCallers}), so a token it
 * still holds cannot recreate the profile.
 */
@Component
public class CallerProfiles {

    private final UserProfileRepository profiles;

    public CallerProfiles(UserProfileRepository profiles) {
        this.profiles = profiles;
    }

    @Transactional
    public UserProfile of(CurrentUser user) {
        return profiles.findByKeycloakId(user.id()).orElseGet(() -> {
            var email = user.email() != null ? user.email() : user.id() + "@users.invalid";
            var name = user.username() != null ? user.username() : email;
            return profiles.saveAndFlush(new UserProfile(UUID.randomUUID(), user.id(), email, name));
        });
    }
}
