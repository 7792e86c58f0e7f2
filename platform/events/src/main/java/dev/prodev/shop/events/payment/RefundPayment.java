package dev.prodev.shop.events.payment;

import java.util.UUID;

/** Command (order saga or admin -> payment) on {@code shop.payment.commands}: refund the order's payment. */
public record RefundPayment(UUID orderId, String reason) {

    public static final String TYPE = "shop.payment.refund.v1";
}
