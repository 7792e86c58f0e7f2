package dev.prodev.shop.notification.inapp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What a user sees in the app: one per event that concerns them, read or unread. */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    private UUID id;

    @Column(name = "recipient_id", nullable = false)
    private String recipientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationKind kind;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String body;

    @Column(name = "source_event_id", updatable = false)
    private String sourceEventId;

    @Column(name = "read_at")
    private Instant readAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Notification() {}

    public Notification(
            UUID id,
            String recipientId,
            NotificationKind kind,
            UUID orderId,
            String subject,
            String body,
            String sourceEventId,
            Instant createdAt) {
        this.id = id;
        this.recipientId = recipientId;
        this.kind = kind;
        this.orderId = orderId;
        this.subject = subject;
        this.body = body;
        this.sourceEventId = sourceEventId;
        this.createdAt = createdAt;
    }

    /** Marks it read once; reading it again keeps the first time, so the call is idempotent. */
    public void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    public UUID getId() {
        return id;
    }

    public String getRecipientId() {
        return recipientId;
    }

    public NotificationKind getKind() {
        return kind;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public String getSourceEventId() {
        return sourceEventId;
    }

    public Instant getReadAt() {
        return readAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
