package dev.prodev.shop.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prodev.shop.payment.provider.chapa.ChapaProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ChapaWebhookTest {

    private static final String SECRET = "chapa-webhook-secret";
    private static final byte[] BODY = """
            {"event":"charge.success","first_name":"Abebe","last_name":"Bikila","email":"abebe@example.com",
             "currency":"ETB","amount":"2199.00","charge":"76.97","status":"success","mode":"test",
             "reference":"APfxHUW3oDbH","tx_ref":"shop-3f1c2b9e","type":"API","payment_method":"test"}
            """.getBytes(StandardCharsets.UTF_8);

    private final ChapaWebhook webhook = new ChapaWebhook(new ChapaProperties(
            URI.create("http://localhost"), "key", SECRET, "", "", Duration.ofSeconds(1), Duration.ofSeconds(1)));

    @Test
    void acceptsTheHmacOfTheRawBodyInEitherChapaHeader() {
        for (var header : new String[] {"x-chapa-signature", "Chapa-Signature"}) {
            var headers = new HttpHeaders();
            headers.add(header, HmacSignature.sign(SECRET, BODY));
            assertThat(webhook.check(BODY, headers)).as(header).isEqualTo(ProviderWebhook.Signature.VALID);
        }
    }

    @Test
    void tellsAMissingSignatureFromAForeignOne() {
        assertThat(webhook.check(BODY, new HttpHeaders())).isEqualTo(ProviderWebhook.Signature.MISSING);
        var blank = new HttpHeaders();
        blank.add("x-chapa-signature", " ");
        assertThat(webhook.check(BODY, blank)).isEqualTo(ProviderWebhook.Signature.MISSING);
        var headers = new HttpHeaders();
        headers.add("x-chapa-signature", HmacSignature.sign("someone-else", BODY));
        assertThat(webhook.check(BODY, headers)).isEqualTo(ProviderWebhook.Signature.INVALID);
    }

    @Test
    void keepsOnlyWhatReconciliationNeedsNeverThePayersNameEmailOrPhone() {
        var body = """
                {"event":"charge.success","first_name":"Abebe","last_name":"Bikila","email":"abebe@example.com",
                 "mobile":"0911000000","phone_number":"0911000000","currency":"ETB","amount":2199.5,"status":"success",
                 "reference":"APfxHUW3oDbH","tx_ref":"shop-3f1c2b9e","customization":{"title":"Abebe's order"}}
                """.getBytes(StandardCharsets.UTF_8);

        var record = webhook.read(body).record();

        assertThat(record)
                .containsOnlyKeys("event", "tx_ref", "reference", "status", "amount", "currency")
                .containsEntry("amount", "2199.5")
                .containsEntry("tx_ref", "shop-3f1c2b9e");
        assertThat(record.values())
                .noneMatch(value -> value.contains("Abebe") || value.contains("@") || value.contains("0911"));
    }

    @Test
    void readsTheEventAndOurReferenceAndNamesTheEventByChapasReference() {
        var notice = webhook.read(BODY);
        assertThat(notice.event()).isEqualTo("charge.success");
        assertThat(notice.reference()).isEqualTo("shop-3f1c2b9e");
        assertThat(notice.eventId()).isEqualTo("charge.success:APfxHUW3oDbH");
    }

    @Test
    void refusesABodyThatIsNotAChapaTransactionEvent() {
        assertThatThrownBy(() -> webhook.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> webhook.read("{\"event\":\"charge.success\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
