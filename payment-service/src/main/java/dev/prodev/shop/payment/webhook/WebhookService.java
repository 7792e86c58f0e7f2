package dev.prodev.shop.payment.webhook;

import dev.prodev.shop.payment.payments.PaymentService;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records webhook calls and applies authentic, first-time ones to the payment they name. */
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
    Outcome accept(ProviderWebhook webhook, ProviderWebhook.WebhookNotice notice, byte[] body) {
        if (events.existsByProviderAndEventIdAndSignatureValidTrue(webhook.provider(), notice.eventId())) {
            return Outcome.DUPLICATE;
        }
        // flush now: a concurrent duplicate hits the unique index here, before the payment is touched
        events.saveAndFlush(WebhookEvent.authentic(webhook.provider(), notice.eventId(), text(body)));
        return payments.settle(webhook.provider(), notice.reference()) ? Outcome.PROCESSED : Outcome.IGNORED;
    }

    @Transactional
    void reject(ProviderWebhook webhook, byte[] body) {
        events.save(WebhookEvent.rejected(webhook.provider(), text(body)));
    }

    private static String text(byte[] body) {
        // postgres text cannot hold NUL; an attacker's body must still be storable
        return new String(body, StandardCharsets.UTF_8).replace('\0', '\uFFFD');
    }
}
