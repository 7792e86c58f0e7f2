package dev.prodev.shop.events;

import java.util.List;

/**
 * An event's data does not match its type's JSON Schema (or is not JSON at all). Retrying
 * cannot fix it: the messaging library treats it as a poison message and dead-letters it at once.
 */
public class InvalidEventException extends IllegalArgumentException {

    private final String type;
    private final List<String> errors;

    public InvalidEventException(String type, List<String> errors) {
        super("event of type " + type + " does not match its schema: " + String.join("; ", errors));
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public String type() {
        return type;
    }

    public List<String> errors() {
        return errors;
    }
}
