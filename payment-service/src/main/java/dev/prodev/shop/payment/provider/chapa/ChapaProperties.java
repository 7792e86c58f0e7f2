package dev.prodev.shop.payment.provider.chapa;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.payment.chapa.*}: the Chapa adapter. Secrets come from the environment only.
 *
 * @param baseUrl Chapa's API root (default {@code https://api.chapa.co}); tests point it at WireMock
 * @param secretKey the Bearer secret key ({@code CHAPA_SECRET_KEY})
 * @param webhookSecret the secret hash set in Chapa's dashboard, key of the webhook HMAC ({@code CHAPA_WEBHOOK_SECRET})
 * @param callbackUrl where Chapa calls back after a checkout (optional, blank for none; webhooks carry the same news)
 * @param returnUrl where the customer's browser goes after the checkout (optional, blank for none)
 * @param connectTimeout TCP connect timeout
 * @param readTimeout socket read timeout (the Resilience4j time limiter bounds the whole call too)
 */
@ConfigurationProperties("shop.payment.chapa")
public record ChapaProperties(
        @DefaultValue("https://api.chapa.co") URI baseUrl,
        @DefaultValue("") String secretKey,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("") String callbackUrl,
        @DefaultValue("") String returnUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {}
