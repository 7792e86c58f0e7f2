package dev.prodev.shop.messaging.consumer;

/**
 * An event that must not be applied whatever happens next, e.g. one whose {@code ce_source} is
 * not the owner of its topic (a forgery or a misconfigured producer). Not retried: it goes to the
 * dead letters at once.
 */
public class RejectedEventException extends RuntimeException {

    private final String reason;

    public RejectedEventException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The metric's {@code reason} tag, e.g. {@code foreign-source}. */
    public String reason() {
        return reason;
    }
}
