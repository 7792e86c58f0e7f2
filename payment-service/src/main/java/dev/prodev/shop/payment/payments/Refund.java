package dev.prodev.shop.payment.payments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A full refund of one payment (partial refunds are not offered: Chapa does not support them). */
@Entity
@Table(name = "refund")
public class Refund {

    @Id
    private UUID id;

    @Column(name = "payment_id", nullable = false, unique = true, updatable = false)
    private UUID paymentId;

    @Column(nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(nullable = false, length = 3, updatable = false)
    private String currency;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "provider_reference", updatable = false)
    private String providerReference;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Refund() {}

    public Refund(Payment payment, String reason, String providerReference, String requestedBy) {
        this.id = UUID.randomUUID();
        this.paymentId = payment.getId();
        this.amount = payment.getAmount();
        this.currency = payment.getCurrency();
        this.reason = reason;
        this.providerReference = providerReference;
        this.requestedBy = requestedBy;
        this.createdAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getPaymentId() {
        return paymentId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public String getReason() {
        return reason;
    }

    public String getProviderReference() {
        return providerReference;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
