package dev.prodev.shop.payment.provider;

/** An adapter's own failure (an error answer, a body it cannot read): counts against the circuit breaker. */
public class ProviderException extends RuntimeException {

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
