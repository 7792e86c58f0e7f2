package dev.prodev.shop.payment.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code shop_payments_webhooks_rejected_total{provider, reason}}: webhook calls refused before anything
 * was stored. A rise means someone probes the public endpoint, or our webhook secret no longer matches
 * the provider's dashboard (then real payments stay PENDING until reconciliation).
 */
@Component
class WebhookRejections {

    static final String METRIC = "shop.payments.webhooks.rejected";
    static final String MISSING_SIGNATURE = "missing-signature";
    static final String INVALID_SIGNATURE = "invalid-signature";
    static final String TOO_LARGE = "too-large";

    private final MeterRegistry registry;

    WebhookRejections(MeterRegistry registry, List<ProviderWebhook> webhooks) {
        this.registry = registry;
        // registered up front, so an alert's rate() sees 0 before the first rejection
        for (var webhook : webhooks) {
            for (var reason : List.of(MISSING_SIGNATURE, INVALID_SIGNATURE, TOO_LARGE)) {
                counter(webhook.provider(), reason);
            }
        }
    }

    void count(String provider, String reason) {
        counter(provider, reason).increment();
    }

    private Counter counter(String provider, String reason) {
        return Counter.builder(METRIC)
                .description("Provider webhook calls rejected without storing them, by reason")
                .tag("provider", provider)
                .tag("reason", reason)
                .register(registry);
    }
}
