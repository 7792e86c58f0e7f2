package dev.prodev.shop.payment.provider;

/** The closed set of answers a provider gives to a charge or a verification. */
public sealed interface AuthorizationResult {

    /** The money is authorized; {@code reference} is the provider's id of the transaction. */
    record Authorized(String reference) implements AuthorizationResult {}

    /** The provider (or the customer's bank) said no. */
    record Declined(String reason) implements AuthorizationResult {}

    /** A redirect flow: the customer must complete the checkout at {@code checkoutUrl}; a webhook reports the end. */
    record Pending(String checkoutUrl, String reference) implements AuthorizationResult {}
}
