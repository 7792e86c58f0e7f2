package dev.prodev.shop.payment.provider;

import dev.prodev.shop.events.Money;

/** The closed set of answers a provider gives to a charge or a verification. */
public sealed interface AuthorizationResult {

    /**
     * The money is authorized; {@code reference} is the provider's id of the transaction and
     * {@code confirmed} the amount and currency the provider says it took (which need not be what we
     * asked for: issue #14, ADR 0025).
     */
    record Authorized(String reference, Money confirmed) implements AuthorizationResult {}

    /** The provider (or the customer's bank) said no. */
    record Declined(String reason) implements AuthorizationResult {}

    /** A redirect flow: the customer must complete the checkout at {@code checkoutUrl}; a webhook reports the end. */
    record Pending(String checkoutUrl, String reference) implements AuthorizationResult {}
}
