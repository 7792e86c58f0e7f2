package dev.prodev.shop.user.profile;

import java.time.Instant;

/** A profile as the API shows it; {@code id} is the Keycloak user id (= JWT {@code sub}). */
public record ProfileView(
        String id,
        String email,
        String displayName,
        String firstName,
        String lastName,
        boolean disabled,
        Instant createdAt) {

    public static ProfileView of(UserProfile profile) {
        return new ProfileView(
                profile.getKeycloakId(),
                profile.getEmail(),
                profile.getDisplayName(),
                profile.getFirstName(),
                profile.getLastName(),
                profile.getDisabledAt() != null,
                profile.getCreatedAt());
    }
}
