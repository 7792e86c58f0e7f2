package dev.prodev.shop.payment.webhook;

import dev.prodev.shop.payment.provider.chapa.ChapaPaymentProvider;
import dev.prodev.shop.payment.provider.chapa.ChapaProperties;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>The body also names the payer ({@code first_name}, {@code last_name}, {@code email}, {@code mobile}); the
 * webhook log keeps only {@link #RECONCILIATION_FIELDS}, since Chapa's verify API is the source of truth anyway.
 */
@Component
class ChapaWebhook implements ProviderWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What reconciliation needs from a webhook; nothing that identifies the payer. */
    static final List<String> RECONCILIATION_FIELDS =
            List.of("event", "tx_ref", "reference", "status", "amount", "currency", "type", "mode");

    private final ChapaProperties properties;

    ChapaWebhook(ChapaProperties properties) {
        this.properties = properties;
    }

    @Override
    public String provider() {
        return ChapaPaymentProvider.NAME;
    }

    @Override
    public Signature check(byte[] body, HttpHeaders headers) {
        var secret = properties.webhookSecret();
        var xChapa = headers.getFirst("x-chapa-signature");
        var chapa = headers.getFirst("Chapa-Signature");
        if (isBlank(xChapa) && isBlank(chapa)) {
            return Signature.MISSING;
        }
        return HmacSignature.matches(secret, body, xChapa) || HmacSignature.matches(secret, body, chapa)
                ? Signature.VALID
                : Signature.INVALID;
    }

    @Override
    public WebhookNotice read(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException ex) {
            throw new IllegalArgumentException("not JSON", ex);
        }
        var event = text(json, "event");
        var txRef = text(json, "tx_ref");
        if (event == null || txRef == null) {
            throw new IllegalArgumentException("a Chapa transaction webhook needs event and tx_ref");
        }
        var reference = text(json, "reference");
        var record = new LinkedHashMap<String, String>();
        for (var field : RECONCILIATION_FIELDS) {
            var value = text(json, field);
            if (value != null) {
                record.put(field, value);
            }
        }
        return new WebhookNotice(event + ":" + (reference != null ? reference : txRef), event, txRef, record);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** A string or number field ({@code amount} comes as either), {@code null} when absent or blank. */
    private static String text(JsonNode json, String field) {
        var node = json == null ? null : json.get(field);
        if (node != null && node.isNumber()) {
            return node.asString();
        }
        return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
    }
}
