package dev.prodev.shop.payment.webhook;

import dev.prodev.shop.payment.provider.chapa.ChapaPaymentProvider;
import dev.prodev.shop.payment.provider.chapa.ChapaProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chapa's transaction webhook: a flat JSON body ({@code event}, {@code tx_ref}, {@code reference},
 * {@code status}, ...) signed with the secret hash set in Chapa's dashboard. Chapa sends the
 * HMAC-SHA256 of the payload in {@code x-chapa-signature} (and a signature in {@code Chapa-Signature});
 * we accept the request when either header carries the HMAC of the raw body.
 *
 * <p>Chapa sends no event id: {@code <event>:<chapa reference or tx_ref>} identifies one event of one transaction.
 */
@Component
class ChapaWebhook implements ProviderWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChapaProperties properties;

    ChapaWebhook(ChapaProperties properties) {
        this.properties = properties;
    }

    @Override
    public String provider() {
        return ChapaPaymentProvider.NAME;
    }

    @Override
    public boolean isAuthentic(byte[] body, HttpHeaders headers) {
        var secret = properties.webhookSecret();
        return HmacSignature.matches(secret, body, headers.getFirst("x-chapa-signature"))
                || HmacSignature.matches(secret, body, headers.getFirst("Chapa-Signature"));
    }

    @Override
    public WebhookNotice read(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("not JSON", ex);
        }
        var event = text(json, "event");
        var txRef = text(json, "tx_ref");
        if (event == null || txRef == null) {
            throw new IllegalArgumentException("a Chapa transaction webhook needs event and tx_ref");
        }
        var reference = text(json, "reference");
        return new WebhookNotice(event + ":" + (reference != null ? reference : txRef), event, txRef);
    }

    private static String text(JsonNode json, String field) {
        var node = json == null ? null : json.get(field);
        return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
    }
}
