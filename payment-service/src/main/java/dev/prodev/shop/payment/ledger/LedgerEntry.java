package dev.prodev.shop.payment.ledger;

import dev.prodev.shop.events.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One money movement of a payment. Rows are only ever inserted: the table refuses updates and deletes
 * (a trigger), so the ledger is the trail reconciliation and the daily report trust.
 */
@Entity
@Immutable
@Table(name = "payment_ledger")
public class LedgerEntry {

    /** What happened to the money. Our providers capture when they authorize, so both are recorded together. */
    public enum Kind {
        AUTHORIZATION,
        CAPTURE,
        REFUND,
        /** A refund went out without an answer: it may have moved the money. */
        REFUND_PENDING,
        /** A checkout that never completed was given up: no money moved. */
        VOID
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "payment_id", nullable = false, updatable = false)
    private UUID paymentId;

    @Column(name = "order_id", nullable = false, updatable = false)
    private UUID orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;

    @Column(nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(nullable = false, length = 3, updatable = false)
    private String currency;

    @Column(name = "provider_reference", updatable = false)
    private String providerReference;

    @Column(updatable = false)
    private String note;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected LedgerEntry() {}

    public LedgerEntry(
            UUID paymentId, UUID orderId, Kind kind, Money money, String providerReference, String note, Instant at) {
        this.paymentId = paymentId;
        this.orderId = orderId;
        this.kind = kind;
        this.amount = money.amount();
        this.currency = money.currency();
        this.providerReference = providerReference;
        this.note = note == null || note.length() <= 255 ? note : note.substring(0, 255);
        this.recordedAt = at;
    }

    public Long getId() {
        return id;
    }

    public UUID getPaymentId() {
        return paymentId;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public Kind getKind() {
        return kind;
    }

    public Money money() {
        return new Money(amount, currency);
    }

    public String getProviderReference() {
        return providerReference;
    }

    public String getNote() {
        return note;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
