package dev.prodev.shop.payment.provider;

import dev.prodev.shop.events.Money;

/**
 * The port to a payment provider. Adapters: {@code simulator} (default, deterministic outcomes)
 * and {@code chapa} (the real Chapa HTTP API). Outcomes a customer caused (declined, pending
 * checkout) are results; a provider that cannot answer throws, and {@link ResilientPaymentProvider}
 * turns that, a timeout or an open circuit into {@link ProviderUnavailableException}.
 */
public interface PaymentProvider {

    /** Name stored with each payment and used in metrics and webhook paths ({@code simulator}, {@code chapa}). */
    String name();

    /**
     * Charges (or starts a hosted checkout for) {@code request}. Not retried: a retry could charge twice
     * unless the provider deduplicates by {@link AuthorizationRequest#reference()}.
     */
    AuthorizationResult authorize(AuthorizationRequest request);

    /**
     * What the provider says now about {@code reference}: a read, safe to retry. {@code requested} is
     * what we asked to charge; an {@link AuthorizationResult.Authorized} answer carries what the provider
     * confirmed instead, so the caller can compare the two.
     */
    AuthorizationResult verify(String reference, Money requested);

    /**
     * Refunds the whole payment made under {@code reference}. {@code refundReference} is unique per
     * refund so the provider can deduplicate a repeated request. Returns the provider's refund reference.
     */
    String refund(String reference, String refundReference, Money amount, String reason);
}
