package dev.prodev.shop.events.user;

/** A user deleted their account: consumers erase or anonymise their personal data. On {@code shop.users}. */
public record UserDeleted(String userId) {

    public static final String TYPE = "shop.user.deleted.v1";
}
