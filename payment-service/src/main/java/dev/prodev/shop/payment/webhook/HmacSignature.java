package dev.prodev.shop.payment.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over the raw request body, compared in constant time (no timing oracle on the signature). */
public final class HmacSignature {

    private HmacSignature() {}

    /** Lower-case hex HMAC-SHA256 of {@code body} keyed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }

    /**
     * Whether {@code signature} (hex, any case, surrounding blanks ignored) is the HMAC of {@code body}.
     * An empty secret never matches: a service without a configured secret rejects every webhook.
     */
    public static boolean matches(String secret, byte[] body, String signature) {
        if (secret == null || secret.isEmpty() || signature == null || signature.isBlank()) {
            return false;
        }
        var expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        var given = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
