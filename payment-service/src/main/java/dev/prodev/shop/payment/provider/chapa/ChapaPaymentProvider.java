package dev.prodev.shop.payment.provider.chapa;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.payment.provider.AuthorizationRequest;
import dev.prodev.shop.payment.provider.AuthorizationResult;
import dev.prodev.shop.payment.provider.AuthorizationResult.Authorized;
import dev.prodev.shop.payment.provider.AuthorizationResult.Declined;
import dev.prodev.shop.payment.provider.AuthorizationResult.Pending;
import dev.prodev.shop.payment.provider.PaymentProvider;
import dev.prodev.shop.payment.provider.ProviderException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Chapa's hosted checkout (developer.chapa.co): {@code POST /v1/transaction/initialize} returns a
 * {@code checkout_url} the customer pays at, so a charge ends {@link Pending}; Chapa then posts a
 * signed webhook and we confirm with {@code GET /v1/transaction/verify/{tx_ref}}. Refunds:
 * {@code POST /v1/refund/{tx_ref}} (form-encoded; full amount only).
 *
 * <p>A 4xx answer is Chapa rejecting this request (a decline, not an outage); 5xx, I/O errors and
 * unreadable bodies are {@link ProviderException}s and count against the circuit breaker.
 */
public class ChapaPaymentProvider implements PaymentProvider {

    public static final String NAME = "chapa";

    private final RestClient http;
    private final ChapaProperties properties;

    public ChapaPaymentProvider(RestClient http, ChapaProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    /** The adapter talking to {@code properties.baseUrl()} with its timeouts and the Bearer secret key. */
    public static ChapaPaymentProvider create(RestClient.Builder builder, ChapaProperties properties) {
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build());
        requestFactory.setReadTimeout(properties.readTimeout());
        var http = builder.baseUrl(properties.baseUrl().toString())
                .requestFactory(requestFactory)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.secretKey())
                .build();
        return new ChapaPaymentProvider(http, properties);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthorizationResult authorize(AuthorizationRequest request) {
        var body = new InitializeRequest(
                request.amount().amount().toPlainString(),
                request.amount().currency(),
                request.reference(),
                blankToNull(properties.callbackUrl()),
                blankToNull(properties.returnUrl()),
                new Customization("ProDev Shop", "Order " + request.orderId()),
                Map.of(
                        "order_id",
                        request.orderId().toString(),
                        "payment_id",
                        request.paymentId().toString()));
        var response = call(() -> http.post()
                .uri("/v1/transaction/initialize")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((req, res) -> new Answer<>(res.getStatusCode(), res.bodyTo(InitializeResponse.class))));
        if (response.status().is4xxClientError()) {
            return new Declined("chapa rejected the payment: " + message(response.body()));
        }
        var result = response.body();
        if (result == null
                || !"success".equals(result.status())
                || result.data() == null
                || result.data().checkoutUrl() == null) {
            throw new ProviderException("chapa initialize answered " + response.status() + " without a checkout_url");
        }
        return new Pending(result.data().checkoutUrl(), request.reference());
    }

    /**
     * Reads the transaction and, for a success, checks that Chapa describes <em>our</em> transaction
     * ({@code tx_ref}) and says how much it took: an answer without a readable amount and currency, or
     * about another tx_ref, confirms nothing and is a {@link ProviderException} (retried, then left to
     * reconciliation). The confirmed amount is returned as Chapa reports it, so the payment and the saga
     * see an underpayment instead of assuming the requested amount (issue #14, ADR 0025).
     */
    @Override
    public AuthorizationResult verify(String txRef, Money requested) {
        var response = call(() -> http.get()
                .uri("/v1/transaction/verify/{txRef}", txRef)
                .exchange((req, res) -> new Answer<>(res.getStatusCode(), res.bodyTo(VerifyResponse.class))));
        if (response.status().is4xxClientError()) {
            return new Declined("chapa does not know transaction " + txRef + ": " + message(response.body()));
        }
        var result = response.body();
        if (result == null || result.data() == null) {
            throw new ProviderException("chapa verify answered " + response.status() + " without data");
        }
        var data = result.data();
        return switch (data.status() == null ? "" : data.status()) {
            case "success" ->
                new Authorized(data.reference() != null ? data.reference() : txRef, confirmed(txRef, data));
            case "pending" -> new Pending(null, txRef);
            default -> new Declined("chapa transaction " + data.status());
        };
    }

    private static Money confirmed(String txRef, TransactionData data) {
        if (!txRef.equals(data.txRef())) {
            throw new ProviderException("chapa verify of " + txRef + " describes tx_ref " + data.txRef());
        }
        BigDecimal amount;
        try {
            amount = data.amount() == null ? null : new BigDecimal(String.valueOf(data.amount()));
        } catch (NumberFormatException ex) {
            amount = null;
        }
        if (amount == null || data.currency() == null || !data.currency().matches("[A-Z]{3}")) {
            throw new ProviderException("chapa verify of " + txRef + " reports success without a readable amount ("
                    + data.amount() + " " + data.currency() + ")");
        }
        return new Money(amount, data.currency());
    }

    @Override
    public String refund(String txRef, String refundReference, Money amount, String reason) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("reason", reason);
        form.add("amount", amount.amount().toPlainString());
        form.add("reference", refundReference);
        var response = call(() -> http.post()
                .uri("/v1/refund/{txRef}", txRef)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange((req, res) -> new Answer<>(res.getStatusCode(), res.bodyTo(RefundResponse.class))));
        var result = response.body();
        if (!response.status().is2xxSuccessful() || result == null || !"success".equals(result.status())) {
            throw new ProviderException("chapa refused the refund of " + txRef + " (" + response.status() + "): "
                    + (result == null ? "no body" : String.valueOf(result.message())));
        }
        return result.data() != null && result.data().ref() != null
                ? result.data().ref()
                : refundReference;
    }

    private <T> Answer<T> call(java.util.function.Supplier<Answer<T>> exchange) {
        Answer<T> answer;
        try {
            answer = exchange.get();
        } catch (RuntimeException ex) {
            // I/O errors, and bodies that are not the JSON Chapa documents (e.g. an HTML error page from a proxy)
            throw new ProviderException("chapa call failed: " + ex.getMessage(), ex);
        }
        if (answer.status().is5xxServerError()) {
            throw new ProviderException("chapa answered " + answer.status());
        }
        return answer;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String message(Object body) {
        if (body instanceof InitializeResponse initialize) {
            return String.valueOf(initialize.message());
        }
        if (body instanceof VerifyResponse verify) {
            return String.valueOf(verify.message());
        }
        return "no details";
    }

    record Answer<T>(HttpStatusCode status, T body) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InitializeRequest(
            String amount,
            String currency,
            @JsonProperty("tx_ref") String txRef,
            @JsonProperty("callback_url") String callbackUrl,
            @JsonProperty("return_url") String returnUrl,
            Customization customization,
            Map<String, String> meta) {}

    record Customization(String title, String description) {}

    /** {@code message} is a string, or an object of field errors on a 400. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InitializeResponse(Object message, String status, CheckoutData data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CheckoutData(@JsonProperty("checkout_url") String checkoutUrl) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerifyResponse(Object message, String status, TransactionData data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TransactionData(
            String status,
            String reference,
            @JsonProperty("tx_ref") String txRef,
            String currency,
            Object amount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RefundResponse(Object message, String status, RefundData data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RefundData(String ref, String status) {}
}
