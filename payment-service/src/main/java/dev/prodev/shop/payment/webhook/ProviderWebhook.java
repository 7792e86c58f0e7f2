package dev.prodev.shop.payment.webhook;

import org.springframework.http.HttpHeaders;

/** How one provider's webhooks are authenticated and read. */
public interface ProviderWebhook {

    /** The provider name, also the last segment of {@code /api/v1/payments/webhooks/{provider}}. */
    String provider();

    /** Whether the request really comes from the provider (signature over the raw body). */
    boolean isAuthentic(byte[] body, HttpHeaders headers);

    /**
     * The notice in an authentic body.
     *
     * @throws IllegalArgumentException when the body is not a notice this provider sends
     */
    WebhookNotice read(byte[] body);

    /**
     * @param eventId unique per event of this provider (the duplicate check)
     * @param event what happened, e.g. {@code charge.success}
     * @param reference our reference of the transaction (Chapa's {@code tx_ref})
     */
    record WebhookNotice(String eventId, String event, String reference) {
    }
}
