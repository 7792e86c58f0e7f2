package dev.prodev.shop.events.user;

/** A user registered; {@code userId} is the Keycloak id (= JWT {@code sub}). On {@code shop.users}, key userId. */
public record UserRegistered(String userId, String email, String displayName) {

    public static final String TYPE = "shop.user.registered.v1";
}
