package dev.prodev.shop.payment.provider.chapa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.payment.provider.AuthorizationRequest;
import dev.prodev.shop.payment.provider.AuthorizationResult.Authorized;
import dev.prodev.shop.payment.provider.AuthorizationResult.Declined;
import dev.prodev.shop.payment.provider.AuthorizationResult.Pending;
import dev.prodev.shop.payment.provider.ProviderUnavailableException;
import dev.prodev.shop.payment.provider.ResilientPaymentProvider;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/** The Chapa adapter against a WireMock server answering with the requests and responses Chapa documents. */
class ChapaPaymentProviderTest {

    @RegisterExtension
    static WireMockExtension chapaApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String SECRET_KEY = "CHASECK_TEST-abcdefghijklmnop";

    private static final Money ASKED = Money.of("2199.00", "ETB");

    private final UUID orderId = UUID.fromString("3f1c2b9e-7a4d-4e51-9c0b-1d2e3f4a5b6c");
    private final String txRef = "shop-" + orderId;

    private ChapaPaymentProvider chapa;
    private ResilientPaymentProvider guarded;

    @BeforeEach
    void setUp() {
        var properties = new ChapaProperties(
                URI.create(chapaApi.baseUrl()),
                SECRET_KEY,
                "whsec",
                "https://shop.example/api/v1/payments/webhooks/chapa",
                "https://shop.example/orders",
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        chapa = ChapaPaymentProvider.create(RestClient.builder(), properties);
        // generous: a loaded CI machine must not turn a normal answer into a timeout
        guarded = guardedWithTimeout(Duration.ofSeconds(10));
    }

    private ResilientPaymentProvider guardedWithTimeout(Duration timeout) {
        return new ResilientPaymentProvider(
                chapa,
                CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(4)
                        .minimumNumberOfCalls(4)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofMinutes(1))
                        .build()),
                BulkheadRegistry.ofDefaults(),
                TimeLimiterRegistry.of(
                        TimeLimiterConfig.custom().timeoutDuration(timeout).build()),
                RetryRegistry.of(RetryConfig.custom()
                        .maxAttempts(3)
                        .waitDuration(Duration.ofMillis(10))
                        .ignoreExceptions(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class)
                        .build()));
    }

    @Test
    void initializeSendsTheDocumentedRequestAndReturnsTheHostedCheckout() {
        chapaApi.stubFor(post("/v1/transaction/initialize")
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Content-Type", containing("application/json"))
                .willReturn(okJson("""
                        {"message": "Hosted Link", "status": "success",
                         "data": {"checkout_url": "https://checkout.chapa.co/checkout/payment/V38JyhpTygC9QimkJrdful9oEjih0heIv53eJ1MsJS6xG"}}
                        """)));

        var result = guarded.authorize(request("2199.00"));

        assertThat(result)
                .isEqualTo(new Pending(
                        "https://checkout.chapa.co/checkout/payment/V38JyhpTygC9QimkJrdful9oEjih0heIv53eJ1MsJS6xG",
                        txRef));
        chapaApi.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/transaction/initialize"))
                        .withRequestBody(equalToJson("""
                {"amount": "2199.00", "currency": "ETB", "tx_ref": "%s",
                 "callback_url": "https://shop.example/api/v1/payments/webhooks/chapa",
                 "return_url": "https://shop.example/orders"}
                """.formatted(txRef), true, true)));
    }

    @Test
    void initializeRefusedWith400IsADeclineNotAnOutage() {
        chapaApi.stubFor(post("/v1/transaction/initialize")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"message": {"currency": ["The selected currency is invalid."]}, "status": "failed", "data": null}
                        """)));

        var result = guarded.authorize(request("10.00"));

        assertThat(result).isInstanceOf(Declined.class);
        assertThat(((Declined) result).reason()).contains("currency");
        assertThat(guarded.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void verifyReportsASuccessfulTransactionAsAuthorized() {
        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef)
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .willReturn(okJson(verified("success"))));

        assertThat(guarded.verify(txRef, ASKED)).isEqualTo(new Authorized("APfxHUW3oDbH", Money.of("2199", "ETB")));
    }

    @Test
    void verifyReportsTheAmountAndCurrencyChapaConfirmedNotTheOneAskedFor() {
        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified("success").replace("\"amount\": 2199", "\"amount\": \"100.50\""))));

        assertThat(guarded.verify(txRef, ASKED)).isEqualTo(new Authorized("APfxHUW3oDbH", Money.of("100.50", "ETB")));

        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified("success").replace("\"currency\": \"ETB\"", "\"currency\": \"USD\""))));

        assertThat(guarded.verify(txRef, ASKED)).isEqualTo(new Authorized("APfxHUW3oDbH", Money.of("2199", "USD")));
    }

    @Test
    void aSuccessForAnotherTxRefOrWithoutAnAmountConfirmsNothing() {
        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified("success").replace("\"tx_ref\": \"" + txRef, "\"tx_ref\": \"shop-other"))));
        assertThatThrownBy(() -> guarded.verify(txRef, ASKED)).isInstanceOf(ProviderUnavailableException.class);

        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified("success").replace("\"amount\": 2199,", ""))));
        assertThatThrownBy(() -> guarded.verify(txRef, ASKED)).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void verifyReportsFailedAndPendingTransactions() {
        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef).willReturn(okJson(verified("failed/cancelled"))));
        assertThat(guarded.verify(txRef, ASKED)).isInstanceOf(Declined.class);

        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef).willReturn(okJson(verified("pending"))));
        assertThat(guarded.verify(txRef, ASKED)).isEqualTo(new Pending(null, txRef));
    }

    @Test
    void verifyIsRetriedAfterAServerErrorBecauseReadingIsSafe() {
        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef)
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("recovered"));
        chapaApi.stubFor(get("/v1/transaction/verify/" + txRef)
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(verified("success"))));

        assertThat(guarded.verify(txRef, ASKED)).isInstanceOf(Authorized.class);
        chapaApi.verify(2, getRequestedFor(urlEqualTo("/v1/transaction/verify/" + txRef)));
    }

    @Test
    void initializeIsNotRetriedSoACustomerIsNeverChargedTwice() {
        chapaApi.stubFor(
                post("/v1/transaction/initialize").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> guarded.authorize(request("10.00"))).isInstanceOf(ProviderUnavailableException.class);
        chapaApi.verify(1, postRequestedFor(urlEqualTo("/v1/transaction/initialize")));
    }

    @Test
    void timeoutsOpenTheCircuitAndThenCallsFailFastWithoutReachingChapa() {
        var guarded = guardedWithTimeout(Duration.ofMillis(500));
        chapaApi.stubFor(
                post("/v1/transaction/initialize").willReturn(okJson("""
                {"message": "Hosted Link", "status": "success", "data": {"checkout_url": "https://checkout.chapa.co/x"}}
                """).withFixedDelay(5000)));

        for (int i = 0; i < 4; i++) {
            var started = System.nanoTime();
            assertThatThrownBy(() -> guarded.authorize(request("10.00")))
                    .isInstanceOf(ProviderUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("bounded by the time limiter")
                    .isLessThan(Duration.ofMillis(3000));
        }
        assertThat(guarded.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        var started = System.nanoTime();
        assertThatThrownBy(() -> guarded.authorize(request("10.00")))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasRootCauseInstanceOf(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("open circuit fails fast")
                .isLessThan(Duration.ofMillis(400));
        chapaApi.verify(4, postRequestedFor(urlEqualTo("/v1/transaction/initialize")));
    }

    @Test
    void serverErrorsAlsoOpenTheCircuit() {
        chapaApi.stubFor(
                get("/v1/transaction/verify/" + txRef).willReturn(aResponse().withStatus(503)));

        // each verify is retried (3 attempts) until the window of 4 calls is full of failures
        assertThatThrownBy(() -> guarded.verify(txRef, ASKED)).isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(() -> guarded.verify(txRef, ASKED)).isInstanceOf(ProviderUnavailableException.class);

        assertThat(guarded.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        chapaApi.verify(4, getRequestedFor(urlEqualTo("/v1/transaction/verify/" + txRef)));
    }

    @Test
    void refundPostsTheDocumentedFormAndReturnsChapasRefundReference() {
        chapaApi.stubFor(post("/v1/refund/" + txRef)
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .willReturn(okJson("""
                        {"message": "Refund initiated successfully. Processing time: 1-3 business days",
                         "status": "success",
                         "data": {"id": 730, "chapa_reference": "APfxHUW3oDbH", "bank_reference": "BLC9JI3G21",
                                  "amount": "2199.00", "ref": "MERC-DIS-REF-s223VGvQFJk", "currency": "ETB",
                                  "status": "Refund Initiated", "reason": "customer request",
                                  "merchant_reference": "refund-1", "created_at": "2024-12-13T17:33:27.000000Z",
                                  "updated_at": "2024-12-13T17:33:27.000000Z"}}
                        """)));

        var reference = guarded.refund(txRef, "refund-1", Money.of("2199.00", "ETB"), "customer request");

        assertThat(reference).isEqualTo("MERC-DIS-REF-s223VGvQFJk");
        chapaApi.verify(postRequestedFor(urlEqualTo("/v1/refund/" + txRef))
                .withFormParam("reason", equalTo("customer request"))
                .withFormParam("amount", equalTo("2199.00"))
                .withFormParam("reference", equalTo("refund-1")));
    }

    /**
     * Issue #14 finding 5: a refund that Chapa completes after we gave up is not "nothing changed":
     * the exception says the outcome is unknown, and the retry carries the same reference, so Chapa
     * can recognise it instead of refunding twice.
     */
    @Test
    void aRefundWithNoAnswerHasAnUnknownOutcomeAndItsRetryCarriesTheSameReference() {
        var guarded = guardedWithTimeout(Duration.ofMillis(300));
        chapaApi.stubFor(post("/v1/refund/" + txRef).willReturn(okJson("""
                        {"message": "Refund initiated", "status": "success", "data": {"ref": "MERC-1"}}
                        """).withFixedDelay(3000)));

        assertThatThrownBy(() -> guarded.refund(txRef, "refund-1", Money.of("10.00", "ETB"), "r"))
                .isInstanceOfSatisfying(
                        ProviderUnavailableException.class,
                        ex -> assertThat(ex.outcomeUnknown()).isTrue());

        chapaApi.stubFor(post("/v1/refund/" + txRef).willReturn(okJson("""
                        {"message": "Refund initiated", "status": "success", "data": {"ref": "MERC-1"}}
                        """)));
        assertThat(guarded.refund(txRef, "refund-1", Money.of("10.00", "ETB"), "r"))
                .isEqualTo("MERC-1");
        chapaApi.verify(
                2, postRequestedFor(urlEqualTo("/v1/refund/" + txRef)).withFormParam("reference", equalTo("refund-1")));
    }

    @Test
    void aCallRefusedByAnOpenCircuitNeverLeftSoNothingChanged() {
        var guarded = guardedWithTimeout(Duration.ofMillis(300));
        chapaApi.stubFor(post("/v1/refund/" + txRef).willReturn(serverError()));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guarded.refund(txRef, "refund-1", Money.of("10.00", "ETB"), "r"))
                    .isInstanceOfSatisfying(
                            ProviderUnavailableException.class,
                            ex -> assertThat(ex.outcomeUnknown()).isTrue());
        }
        assertThat(guarded.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> guarded.refund(txRef, "refund-1", Money.of("10.00", "ETB"), "r"))
                .isInstanceOfSatisfying(
                        ProviderUnavailableException.class,
                        ex -> assertThat(ex.outcomeUnknown()).isFalse());
    }

    private AuthorizationRequest request(String amount) {
        return new AuthorizationRequest(orderId, UUID.randomUUID(), "alice", Money.of(amount, "ETB"), txRef);
    }

    private String verified(String status) {
        return """
                {"message": "Payment details", "status": "success",
                 "data": {"first_name": "Abebe", "last_name": "Bikila", "email": "abebe@example.com",
                          "currency": "ETB", "amount": 2199, "charge": 76.97, "mode": "test", "method": "test",
                          "type": "API", "status": "%s", "reference": "APfxHUW3oDbH", "tx_ref": "%s",
                          "customization": {"title": "ProDev Shop", "description": "Order", "logo": null},
                          "meta": null, "created_at": "2024-12-13T17:30:00.000000Z",
                          "updated_at": "2024-12-13T17:31:00.000000Z"}}
                """.formatted(status, txRef);
    }
}
