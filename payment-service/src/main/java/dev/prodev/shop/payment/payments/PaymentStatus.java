package dev.prodev.shop.payment.payments;

/** Where a payment stands. PENDING waits for the provider (or for the customer on a redirect checkout). */
public enum PaymentStatus {
    PENDING,
    AUTHORIZED,
    FAILED,
    REFUNDED
}
