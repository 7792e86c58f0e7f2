package dev.prodev.shop.payment.provider;

import dev.prodev.shop.events.Money;
import java.util.UUID;

/**
 * What a provider needs to charge an order.
 *
 * @param reference our reference for the transaction (Chapa's {@code tx_ref}), stable per order
 */
public record AuthorizationRequest(UUID orderId, UUID paymentId, String customerId, Money amount, String reference) {}
