package dev.prodev.shop.notification.events;

import java.util.Locale;

/** Turns a machine reason ({@code OUT_OF_STOCK}, {@code payment-declined}) into words for a shopper. */
final class Reasons {

    private Reasons() {}

    static String readable(String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason given";
        }
        return reason.replace('_', ' ').replace('-', ' ').strip().toLowerCase(Locale.ROOT);
    }
}
