package dev.prodev.shop.payment.webhook;

import dev.prodev.shop.payment.payments.PaymentService;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records authentic webhooks (minimised: {@link ProviderWebhook.WebhookNotice#record()}) and applies first-time
 * ones to the payment they name. Unauthenticated calls never reach it: they are counted, not stored.
 */
@Service
class WebhookService {

    enum Outcome {
        /** the payment was settled (or found already decided) */
        PROCESSED,
        /** this event was processed before: nothing done */
        DUPLICATE,
        /** authentic, but about no pending payment of ours */
        IGNORED
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookEventRepository events;
    private final PaymentService payments;

    WebhookService(WebhookEventRepository events, PaymentService payments) {
        this.events = events;
        this.payments = payments;
    }

    /**
     * Records and applies an authentic notice in one transaction: if the provider cannot confirm
     * now, nothing is recorded and the caller answers 503, so the provider's retry is processed.
     */
    @Transactional
    Outcome accept(ProviderWebhook webhook, ProviderWebhook.WebhookNotice notice) {
        if (events.existsByProviderAndEventIdAndSignatureValidTrue(webhook.provider(), notice.eventId())) {
            return Outcome.DUPLICATE;
        }
        // flush now: a concurrent duplicate hits the unique index here, before the payment is touched
        events.saveAndFlush(WebhookEvent.authentic(
                webhook.provider(), notice.eventId(), JSON.writeValueAsString(new TreeMap<>(notice.record()))));
        return payments.settle(webhook.provider(), notice.reference()) ? Outcome.PROCESSED : Outcome.IGNORED;
    }
}
