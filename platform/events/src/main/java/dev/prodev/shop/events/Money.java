package dev.prodev.shop.events;

import java.math.BigDecimal;

/** An amount in an ISO 4217 currency (e.g. {@code ETB}, {@code EUR}); never a double. */
public record Money(BigDecimal amount, String currency) {

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
