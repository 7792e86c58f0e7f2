package dev.prodev.shop.notification.email;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One channel's delivery of a notification, stored with the rendered message in the same
 * transaction as the notification, so what is sent never depends on state read later, and an
 * SMTP outage only delays it: each failure counts an attempt and backs off exponentially;
 * after the last attempt the delivery is dead, kept for an operator to redrive.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    public static final String EMAIL = "EMAIL";

    @Id
    private UUID id;

    @Column(name = "notification_id", nullable = false, updatable = false)
    private UUID notificationId;

    @Column(name = "recipient_id", nullable = false, updatable = false)
    private String recipientId;

    @Column(nullable = false, updatable = false)
    private String channel;

    @Column(nullable = false)
    private String address;

    @Column(nullable = false)
    private String subject;

    @Column(name = "text_body", nullable = false)
    private String textBody;

    @Column(name = "html_body", nullable = false)
    private String htmlBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(updatable = false)
    private String traceparent;

    protected Delivery() {}

    public static Delivery email(
            UUID notificationId,
            String recipientId,
            String address,
            String subject,
            String textBody,
            String htmlBody,
            String traceparent,
            Instant now) {
        var delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.notificationId = notificationId;
        delivery.recipientId = recipientId;
        delivery.channel = EMAIL;
        delivery.address = address;
        delivery.subject = subject;
        delivery.textBody = textBody;
        delivery.htmlBody = htmlBody;
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.traceparent = traceparent;
        return delivery;
    }

    void sent(Instant now) {
        attempts++;
        status = DeliveryStatus.SENT;
        sentAt = now;
        lastError = null;
    }

    /** Records a failed attempt; returns true when this was the last one and the delivery is now dead. */
    boolean failed(String error, Instant now, EmailProperties policy) {
        attempts++;
        lastError = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        if (attempts >= policy.maxAttempts()) {
            status = DeliveryStatus.DEAD;
            return true;
        }
        nextAttemptAt = now.plus(backoff(attempts, policy));
        return false;
    }

    /** Puts a dead delivery back in the queue with a fresh budget of attempts. */
    void redrive(Instant now) {
        if (status != DeliveryStatus.DEAD) {
            throw new IllegalStateException("only a dead delivery can be redriven, this one is " + status);
        }
        status = DeliveryStatus.PENDING;
        attempts = 0;
        nextAttemptAt = now;
    }

    /** initialBackoff * 2^(failures-1), capped at maxBackoff. */
    static Duration backoff(int failures, EmailProperties policy) {
        var shift = Math.min(failures - 1, 30);
        var wait = policy.initialBackoff().multipliedBy(1L << shift);
        return wait.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : wait;
    }

    public UUID getId() {
        return id;
    }

    public UUID getNotificationId() {
        return notificationId;
    }

    public String getRecipientId() {
        return recipientId;
    }

    public String getChannel() {
        return channel;
    }

    public String getAddress() {
        return address;
    }

    public String getSubject() {
        return subject;
    }

    public String getTextBody() {
        return textBody;
    }

    public String getHtmlBody() {
        return htmlBody;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getTraceparent() {
        return traceparent;
    }
}
