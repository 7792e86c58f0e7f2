package dev.prodev.shop.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {

    private static final byte[] BODY =
            "{\"event\":\"charge.success\",\"tx_ref\":\"shop-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void computesTheStandardHmacSha256() {
        // RFC 4231, test case 2
        assertThat(HmacSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void acceptsTheSignatureOfTheExactBodyInAnyHexCase() {
        var signature = HmacSignature.sign("whsec", BODY);
        assertThat(HmacSignature.matches("whsec", BODY, signature)).isTrue();
        assertThat(HmacSignature.matches("whsec", BODY, signature.toUpperCase() + "\n"))
                .isTrue();
    }

    @Test
    void rejectsATamperedBodyAWrongSecretAndAMissingSignature() {
        var signature = HmacSignature.sign("whsec", BODY);
        var tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("shop-1", "shop-2")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(HmacSignature.matches("whsec", tampered, signature)).isFalse();
        assertThat(HmacSignature.matches("other", BODY, signature)).isFalse();
        assertThat(HmacSignature.matches("whsec", BODY, null)).isFalse();
        assertThat(HmacSignature.matches("whsec", BODY, "")).isFalse();
        assertThat(HmacSignature.matches("whsec", BODY, signature.substring(1))).isFalse();
    }

    @Test
    void neverMatchesWhenNoSecretIsConfigured() {
        assertThat(HmacSignature.matches("", BODY, HmacSignature.sign("x", BODY)))
                .isFalse();
        assertThat(HmacSignature.matches(null, BODY, "00")).isFalse();
    }
}
