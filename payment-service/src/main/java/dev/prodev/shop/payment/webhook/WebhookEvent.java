package dev.prodev.shop.payment.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An authentic webhook we processed: the duplicate check and the reconciliation trail. {@code payload} holds
 * only the minimised record (references, status, amount, currency), never the payer's personal data; rows go
 * after {@code shop.retention.webhook-log} ({@code WebhookRetention}).
 */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String provider;

    @Column(name = "event_id", updatable = false)
    private String eventId;

    @Column(name = "signature_valid", nullable = false, updatable = false)
    private boolean signatureValid;

    @Column(nullable = false, updatable = false)
    private String payload;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    protected WebhookEvent() {}

    private WebhookEvent(String provider, String eventId, boolean signatureValid, String payload) {
        this.id = UUID.randomUUID();
        this.provider = provider;
        this.eventId = eventId;
        this.signatureValid = signatureValid;
        this.payload = payload;
        this.receivedAt = Instant.now();
    }

    public static WebhookEvent authentic(String provider, String eventId, String payload) {
        return new WebhookEvent(provider, eventId, true, payload);
    }

    public UUID getId() {
        return id;
    }

    public String getProvider() {
        return provider;
    }

    public String getEventId() {
        return eventId;
    }

    public boolean isSignatureValid() {
        return signatureValid;
    }

    public String getPayload() {
        return payload;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }
}
