package dev.prodev.shop.notification.events;

import java.util.UUID;

/** A payment event arrived before the order event that says whose order it is: retry later. */
class UnknownOrderException extends RuntimeException {

    UnknownOrderException(UUID orderId, String type) {
        super("no customer known yet for order " + orderId + " (" + type + "); will retry");
    }
}
