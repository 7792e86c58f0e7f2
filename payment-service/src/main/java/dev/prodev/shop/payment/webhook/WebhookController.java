package dev.prodev.shop.payment.webhook;

import dev.prodev.shop.payment.provider.ProviderUnavailableException;
import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider webhooks. Public (the provider has no token), so the body is authenticated by its HMAC
 * signature before anything is parsed, and bounded in size before it is read. A rejected body is
 * never stored (anyone can post one): it is counted ({@value WebhookRejections#METRIC}) and logged
 * with its source address only.
 */
@RestController
@Tag(name = "Payment webhooks", description = "Signed notifications from payment providers")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    record WebhookReceipt(String status) {}

    private final Map<String, ProviderWebhook> webhooks;
    private final WebhookService service;
    private final WebhookRejections rejections;
    private final long maxPayloadBytes;

    WebhookController(
            List<ProviderWebhook> webhooks,
            WebhookService service,
            WebhookRejections rejections,
            @Value("${shop.payment.webhook.max-payload:64KB}") DataSize maxPayload) {
        this.webhooks = webhooks.stream().collect(Collectors.toMap(ProviderWebhook::provider, Function.identity()));
        this.service = service;
        this.rejections = rejections;
        this.maxPayloadBytes = maxPayload.toBytes();
    }

    @PostMapping(path = "/api/v1/payments/webhooks/{provider}")
    @Operation(
            summary = "Receive a provider webhook",
            description = "Verifies the HMAC-SHA256 signature of the raw body (Chapa: x-chapa-signature or "
                    + "Chapa-Signature), then confirms the transaction with the provider. A repeated event is a no-op.")
    @ApiResponse(responseCode = "200", description = "processed, duplicate or ignored (no pending payment of ours)")
    @ApiResponse(responseCode = "401", description = "missing or wrong signature")
    @ApiResponse(responseCode = "404", description = "unknown provider")
    @ApiResponse(responseCode = "413", description = "body larger than shop.payment.webhook.max-payload")
    @ApiResponse(responseCode = "503", description = "the provider could not confirm now; retry later")
    WebhookReceipt receive(
            @Parameter(example = "chapa") @PathVariable String provider,
            HttpServletRequest request,
            @org.springframework.web.bind.annotation.RequestHeader HttpHeaders headers)
            throws IOException {
        var webhook = webhooks.get(provider);
        if (webhook == null) {
            throw ShopProblem.notFound("webhook provider", provider);
        }
        var body = boundedBody(webhook, request);
        var signature = webhook.check(body, headers);
        if (signature != ProviderWebhook.Signature.VALID) {
            var reason = signature == ProviderWebhook.Signature.MISSING
                    ? WebhookRejections.MISSING_SIGNATURE
                    : WebhookRejections.INVALID_SIGNATURE;
            rejections.count(provider, reason);
            log.warn("rejected a {} webhook ({}) from {}", provider, reason, request.getRemoteAddr());
            throw new ShopProblem(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-signature",
                    "Invalid signature",
                    "The webhook signature is missing or does not match the body.",
                    Map.of());
        }
        ProviderWebhook.WebhookNotice notice;
        try {
            notice = webhook.read(body);
        } catch (IllegalArgumentException ex) {
            throw ShopProblem.badRequest("Not a " + provider + " webhook we understand: " + ex.getMessage());
        }
        try {
            var outcome = service.accept(webhook, notice);
            log.info("{} webhook {} for {}: {}", provider, notice.eventId(), notice.reference(), outcome);
            return new WebhookReceipt(outcome.name().toLowerCase(java.util.Locale.ROOT));
        } catch (ProviderUnavailableException ex) {
            throw new ShopProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "provider-unavailable",
                    "Provider unavailable",
                    "The payment provider could not confirm the transaction now; retry later.",
                    Map.of());
        }
    }

    private byte[] boundedBody(ProviderWebhook webhook, HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxPayloadBytes) {
            throw tooLarge(webhook, request);
        }
        // the length header may be absent (chunked) or lie: read at most one byte more than allowed
        var body = request.getInputStream().readNBytes((int) maxPayloadBytes + 1);
        if (body.length > maxPayloadBytes) {
            throw tooLarge(webhook, request);
        }
        return body;
    }

    private ShopProblem tooLarge(ProviderWebhook webhook, HttpServletRequest request) {
        rejections.count(webhook.provider(), WebhookRejections.TOO_LARGE);
        log.warn(
                "rejected a {} webhook ({}) from {}",
                webhook.provider(),
                WebhookRejections.TOO_LARGE,
                request.getRemoteAddr());
        return new ShopProblem(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Content Too Large",
                "The body is larger than " + maxPayloadBytes + " bytes.",
                Map.of());
    }
}
