package dev.prodev.shop.events.payment;

import dev.prodev.shop.events.Money;
import java.util.UUID;

/** Saga command (order -> payment) on {@code shop.payment.commands}: authorize the order's amount. */
public record AuthorizePayment(UUID orderId, String customerId, Money amount) {

    public static final String TYPE = "shop.payment.authorize.v1";
}
