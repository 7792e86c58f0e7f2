package dev.prodev.shop.messaging;

/**
 * A record that is not a readable CloudEvent, or whose data cannot be mapped to the expected
 * record. Retrying cannot help: the error handler sends it to the dead-letter topic at once.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
