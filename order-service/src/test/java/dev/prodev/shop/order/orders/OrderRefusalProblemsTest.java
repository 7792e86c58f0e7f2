package dev.prodev.shop.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.web.problem.ProblemDetailsHandler;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** Each refusal answers with the problem+json the client received before the domain exceptions. */
class OrderRefusalProblemsTest {

    private final OrderRefusalProblems problems = new OrderRefusalProblems(new ProblemDetailsHandler());

    @Test
    void anUnknownOrderIsNotFound() {
        var id = UUID.randomUUID();
        assertProblem(
                new OrderRefused.OrderNotFound(id), 404, "not-found", "Not Found", "No order with id " + id + ".");
    }

    @Test
    void aPaidOrderIsAConflict() {
        assertProblem(
                new OrderRefused.OrderNotCancellable(OrderStatus.CONFIRMED),
                409,
                "conflict",
                "Conflict",
                "The order is CONFIRMED; it can be cancelled only before it is paid.");
    }

    @Test
    void anEventBreakingItsSchemaIsUnprocessable() {
        assertProblem(
                new OrderRefused.OrderNotAnnounceable(List.of("$.customerEmail: too long", "x")),
                422,
                "unprocessable",
                "Unprocessable Content",
                "The order cannot be announced: $.customerEmail: too long; x");
    }

    @Test
    void unavailableProductsAreNamed() {
        var a = UUID.randomUUID();
        var b = UUID.randomUUID();
        var body = assertProblem(
                new OrderRefused.ProductsUnavailable(List.of(a, b)),
                422,
                "product-unavailable",
                "Product unavailable",
                "These products are unknown or no longer sold: [" + a + ", " + b + "].");
        assertThat(body.getProperties()).containsEntry("unavailableProductIds", List.of(a, b));
    }

    @Test
    void mixedCurrenciesNameEachProductsCurrency() {
        Map<String, Object> byProduct = new LinkedHashMap<>();
        byProduct.put("p1", "EUR");
        byProduct.put("p2", "ETB");
        var body = assertProblem(
                new OrderRefused.MixedCurrencies(List.of("EUR", "ETB"), byProduct),
                422,
                "mixed-currencies",
                "Mixed currencies",
                "An order is paid in one currency; these products are priced in [EUR, ETB].");
        assertThat(body.getProperties()).containsEntry("currencies", byProduct);
    }

    @Test
    void aReusedIdempotencyKeyIsUnprocessable() {
        assertProblem(
                new OrderRefused.IdempotencyKeyReused(),
                422,
                "unprocessable",
                "Unprocessable Content",
                "This Idempotency-Key was already used for a different request; use a new key for a new order.");
    }

    private ProblemDetail assertProblem(OrderRefused refusal, int status, String type, String title, String detail) {
        var response = problems.refused(refusal, new ServletWebRequest(new MockHttpServletRequest()));
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getBody()).isInstanceOf(ProblemDetail.class);
        var body = (ProblemDetail) response.getBody();
        assertThat(body.getStatus()).isEqualTo(status);
        assertThat(body.getType()).isEqualTo(URI.create("https://prodev.shop/problems/" + type));
        assertThat(body.getTitle()).isEqualTo(title);
        assertThat(body.getDetail()).isEqualTo(detail);
        return body;
    }
}
