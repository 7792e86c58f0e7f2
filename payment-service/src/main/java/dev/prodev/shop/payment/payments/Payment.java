package dev.prodev.shop.payment.payments;

import dev.prodev.shop.events.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * One order's payment. The legal transitions live here: PENDING -> AUTHORIZED | FAILED,
 * AUTHORIZED -> REFUND_PENDING | REFUNDED, and FAILED -> AUTHORIZED when reconciliation finds the
 * provider took the money after all (a late checkout); anything else is a {@link PaymentStateException}. One payment per
 * order (unique {@code order_id}), so a redelivered command can never charge twice.
 */
@Entity
@Table(name = "payment")
public class Payment implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "order_id", nullable = false, unique = true, updatable = false)
    private UUID orderId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private String customerId;

    @Column(nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(nullable = false, length = 3, updatable = false)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PaymentStatus status;

    @Column(nullable = false, updatable = false)
    private String provider;

    @Column(name = "provider_reference")
    private String providerReference;

    @Column(name = "checkout_url")
    private String checkoutUrl;

    @Column(name = "captured_amount")
    private BigDecimal capturedAmount;

    @Column(name = "captured_currency", length = 3)
    private String capturedCurrency;

    @Column(name = "failure_reason")
    private String failureReason;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    // our ids are assigned, so Spring Data cannot tell a new payment from a stored one by its id:
    // without this, save() would merge (select first, and hand back a copy instead of this object)
    @Transient
    private boolean isNew = true;

    protected Payment() {}

    public Payment(UUID id, UUID orderId, String customerId, Money amount, String provider) {
        this.id = id;
        this.orderId = orderId;
        this.customerId = customerId;
        this.amount = amount.amount();
        this.currency = amount.currency();
        this.provider = provider;
        this.status = PaymentStatus.PENDING;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** A new pending payment for the order; its provider reference is derived from the order, so a retried charge is recognisable by the provider. */
    public static Payment start(UUID orderId, String customerId, Money amount, String provider) {
        var payment = new Payment(UUID.randomUUID(), orderId, customerId, amount, provider);
        payment.providerReference = referenceFor(orderId);
        return payment;
    }

    /**
     * The reference we hand the provider (Chapa's {@code tx_ref}): stable per order, kept for the
     * payment's life (verify, webhooks and refunds all address the transaction by it).
     */
    public static String referenceFor(UUID orderId) {
        return "shop-" + orderId;
    }

    /** The provider took {@code captured} (which may differ from what was asked: the saga judges it). */
    public void authorize(Money captured) {
        require(PaymentStatus.PENDING, "authorize");
        capture(captured);
    }

    /**
     * The provider reports success for a payment we recorded as FAILED (declined then paid, or paid
     * after its checkout was voided): the money was taken, so it stands as AUTHORIZED and the saga
     * decides (a cancelled order refunds it).
     */
    public void authorizeLate(Money captured) {
        require(PaymentStatus.FAILED, "authorize late");
        capture(captured);
    }

    private void capture(Money captured) {
        this.status = PaymentStatus.AUTHORIZED;
        this.capturedAmount = captured.amount();
        this.capturedCurrency = captured.currency();
        this.checkoutUrl = null;
        touch();
    }

    /** What the provider confirmed it took, or the requested amount for payments made before it was recorded. */
    public Money captured() {
        return capturedAmount == null ? money() : new Money(capturedAmount, capturedCurrency);
    }

    /** Whether the provider took another amount or currency than we asked for. */
    public boolean capturedOtherThanRequested() {
        return capturedAmount != null && (!capturedCurrency.equals(currency) || capturedAmount.compareTo(amount) != 0);
    }

    /** The customer must complete a hosted checkout; the payment stays PENDING until the provider reports back. */
    public void awaitCheckout(String checkoutUrl) {
        require(PaymentStatus.PENDING, "await checkout");
        this.checkoutUrl = checkoutUrl;
        touch();
    }

    public void fail(String reason) {
        require(PaymentStatus.PENDING, "fail");
        this.status = PaymentStatus.FAILED;
        this.failureReason = truncate(reason, 255);
        this.checkoutUrl = null;
        touch();
    }

    public void refund() {
        requireRefundable();
        this.status = PaymentStatus.REFUNDED;
        touch();
    }

    /** A refund went out with no answer: it may have happened, so the payment no longer stands as AUTHORIZED. */
    public void refundPending() {
        requireRefundable();
        this.status = PaymentStatus.REFUND_PENDING;
        touch();
    }

    /** AUTHORIZED, or REFUND_PENDING (a retry of a refund with an unknown outcome). */
    public void requireRefundable() {
        if (status != PaymentStatus.AUTHORIZED && status != PaymentStatus.REFUND_PENDING) {
            throw new PaymentStateException(orderId, status, "refund");
        }
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        this.isNew = false;
    }

    public Money money() {
        return new Money(amount, currency);
    }

    /** Cancels a payment still waiting for the customer's checkout: no money moved, nothing to refund. */
    public void voidPending(String reason) {
        fail("voided: " + reason);
    }

    public boolean isOwnedBy(String customer) {
        return customerId.equals(customer);
    }

    private void require(PaymentStatus expected, String action) {
        if (status != expected) {
            throw new PaymentStateException(orderId, status, action);
        }
    }

    private void touch() {
        this.updatedAt = Instant.now();
    }

    private static String truncate(String text, int max) {
        if (text == null || text.isBlank()) {
            return "unknown";
        }
        return text.length() <= max ? text : text.substring(0, max);
    }

    public UUID getId() {
        return id;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public String getCustomerId() {
        return customerId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public PaymentStatus getStatus() {
        return status;
    }

    public String getProvider() {
        return provider;
    }

    public String getProviderReference() {
        return providerReference;
    }

    public String getCheckoutUrl() {
        return checkoutUrl;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
