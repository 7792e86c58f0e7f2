package dev.prodev.shop.payment.webhook;

import java.util.Map;
import org.springframework.http.HttpHeaders;

/** How one provider's webhooks are authenticated and read. */
public interface ProviderWebhook {

    /** What the signature of a request proves. */
    enum Signature {
        VALID,
        /** no signature header at all */
        MISSING,
        /** a signature that is not the HMAC of this body with our secret (or no secret is configured) */
        INVALID
    }

    /** The provider name, also the last segment of {@code /api/v1/payments/webhooks/{provider}}. */
    String provider();

    /** Whether the request really comes from the provider (signature over the raw body). */
    Signature check(byte[] body, HttpHeaders headers);

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
     * @param record what the webhook log keeps of the body: only what reconciliation needs (event, references,
     *        status, amount, currency), never the payer's name, email or phone number
     */
    record WebhookNotice(String eventId, String event, String reference, Map<String, String> record) {

        public WebhookNotice {
            record = Map.copyOf(record);
        }
    }
}
