package dev.prodev.shop.payment.payments;

import java.util.UUID;

/** A transition the payment's state does not allow (e.g. refunding a failed payment). */
public class PaymentStateException extends RuntimeException {

    private final PaymentStatus status;

    public PaymentStateException(UUID orderId, PaymentStatus status, String action) {
        super("Cannot " + action + " the payment of order " + orderId + ": it is " + status + ".", null, false, false);
        this.status = status;
    }

    public PaymentStatus status() {
        return status;
    }
}
