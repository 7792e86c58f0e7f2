package dev.prodev.shop.payment.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code shop_payment_outcomes_total{provider, outcome}}: authorized, declined, pending, unavailable, refunded. */
@Component
public class PaymentMetrics {

    private final MeterRegistry registry;

    public PaymentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void outcome(String provider, String outcome) {
        Counter.builder("shop.payment.outcomes")
                .description("Payment outcomes by provider")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
