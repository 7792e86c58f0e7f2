package dev.prodev.shop.payment.payments;

import java.util.UUID;

/** No payment for the order. */
public class PaymentNotFoundException extends RuntimeException {

    public PaymentNotFoundException(UUID orderId) {
        super("No payment for order " + orderId + ".", null, false, false);
    }
}
