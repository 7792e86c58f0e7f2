package dev.prodev.shop.payment.provider;

import java.util.Map;
import java.util.Optional;

/**
 * The configured adapters, each behind Resilience4j. New payments go to the one chosen by
 * {@code shop.payment.provider}; webhooks, verifications and refunds go to the provider the
 * payment was made with, even after the setting changed.
 */
public class PaymentProviders {

    private final Map<String, ResilientPaymentProvider> byName;
    private final ResilientPaymentProvider active;

    public PaymentProviders(Map<String, ResilientPaymentProvider> byName, String active) {
        this.byName = Map.copyOf(byName);
        this.active = byName.get(active);
        if (this.active == null) {
            throw new IllegalStateException("shop.payment.provider=" + active + " is not one of " + byName.keySet());
        }
    }

    /** The provider new payments are made with. */
    public PaymentProvider active() {
        return active;
    }

    public Optional<PaymentProvider> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
