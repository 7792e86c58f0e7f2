package dev.prodev.shop.payment.provider;

/**
 * The provider did not give an answer we can act on: it failed, was too slow, refused more load
 * (bulkhead), or its circuit breaker is open. The payment then fails with {@link #REASON} instead of hanging.
 */
public class ProviderUnavailableException extends RuntimeException {

    /** The failure reason recorded on the payment and sent in {@code PaymentFailed}. */
    public static final String REASON = "provider-unavailable";

    private final boolean sent;

    /** A call that may have reached the provider: its outcome is unknown. */
    public ProviderUnavailableException(String provider, Throwable cause) {
        this(provider, cause, true);
    }

    /**
     * @param sent false when the call was refused before it left (circuit open, bulkhead full): then
     *     nothing can have changed at the provider
     */
    public ProviderUnavailableException(String provider, Throwable cause, boolean sent) {
        super("payment provider " + provider + " is unavailable: " + cause, cause);
        this.sent = sent;
    }

    /**
     * Whether the call may have reached the provider, so money may have moved (a timeout, an I/O
     * error, a 5xx): the caller must not answer "nothing changed" (issue #14, finding 5).
     */
    public boolean outcomeUnknown() {
        return sent;
    }
}
