package dev.prodev.shop.notification.email;

public enum DeliveryStatus {
    /** Waiting for its next attempt ({@code next_attempt_at}). */
    PENDING,
    /** Handed to the SMTP server. */
    SENT,
    /** Gave up after the last attempt: a dead letter an operator redrives (nothing is deleted). */
    DEAD
}
