package dev.prodev.shop.notification.events;

import dev.prodev.shop.events.Money;

/** How money reads in a message: {@code 59.90 EUR}. */
final class Amounts {

    private Amounts() {}

    static String format(Money money) {
        return money == null ? "" : money.amount().toPlainString() + " " + money.currency();
    }
}
