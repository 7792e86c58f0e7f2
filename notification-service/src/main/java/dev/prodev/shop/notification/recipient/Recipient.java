package dev.prodev.shop.notification.recipient;

/** Where and how to address a user; either part may be unknown until an event tells us. */
public record Recipient(String userId, String email, String displayName) {

    /** The name to greet them with: the display name, else the part of the address before the @. */
    public String greetingName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        if (email != null && email.contains("@")) {
            return email.substring(0, email.indexOf('@'));
        }
        return "there";
    }
}
