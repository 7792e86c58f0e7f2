package dev.prodev.shop.payment.payments;

/** Where a payment stands. PENDING waits for the provider (or for the customer on a redirect checkout). */
public enum PaymentStatus {
    PENDING,
    AUTHORIZED,
    FAILED,
    /**
     * A refund was sent but its outcome is unknown (timeout, I/O error, 5xx): the money may have
     * moved. Retrying the refund reuses the same provider reference, so it is safe (issue #14, finding 5).
     */
    REFUND_PENDING,
    REFUNDED
}
