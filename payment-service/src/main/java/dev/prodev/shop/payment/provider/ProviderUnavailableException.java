package dev.prodev.shop.payment.provider;

/**
 * The provider did not give an answer we can act on: it failed, was too slow, refused more load
 * (bulkhead), or its circuit breaker is open. The payment then fails with {@link #REASON} instead of hanging.
 */
public class ProviderUnavailableException extends RuntimeException {

    /** The failure reason recorded on the payment and sent in {@code PaymentFailed}. */
    public static final String REASON = "provider-unavailable";

    public ProviderUnavailableException(String provider, Throwable cause) {
        super("payment provider " + provider + " is unavailable: " + cause, cause);
    }
}
