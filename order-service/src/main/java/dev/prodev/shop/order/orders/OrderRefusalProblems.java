package dev.prodev.shop.order.orders;

import dev.prodev.shop.order.orders.OrderRefused.IdempotencyKeyReused;
import dev.prodev.shop.order.orders.OrderRefused.MixedCurrencies;
import dev.prodev.shop.order.orders.OrderRefused.OrderNotAnnounceable;
import dev.prodev.shop.order.orders.OrderRefused.OrderNotCancellable;
import dev.prodev.shop.order.orders.OrderRefused.OrderNotFound;
import dev.prodev.shop.order.orders.OrderRefused.OrderNotRefundable;
import dev.prodev.shop.order.orders.OrderRefused.ProductsUnavailable;
import dev.prodev.shop.web.problem.ProblemDetailsHandler;
import dev.prodev.shop.web.problem.ShopProblem;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The HTTP answer to each {@link OrderRefused}: the {@link ShopProblem} the client has always
 * received, rendered by platform-web's handler itself. Ordered first because that handler's
 * catch-all would otherwise answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderRefusalProblems {

    /** The problem each refusal means to the client. */
    static ShopProblem problem(OrderRefused refusal) {
        return switch (refusal) {
            case OrderNotFound notFound -> ShopProblem.notFound("order", notFound.orderId());
            case OrderNotCancellable notCancellable ->
                ShopProblem.conflict(
                        "The order is " + notCancellable.status() + "; it can be cancelled only before it is paid.");
            case OrderNotRefundable notRefundable ->
                ShopProblem.conflict(
                        "The order is " + notRefundable.status() + "; only a CONFIRMED order can be refunded.");
            case OrderNotAnnounceable notAnnounceable ->
                ShopProblem.unprocessable(
                        "The order cannot be announced: " + String.join("; ", notAnnounceable.errors()));
            case ProductsUnavailable unavailable ->
                new ShopProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "product-unavailable",
                        "Product unavailable",
                        "These products are unknown or no longer sold: " + unavailable.productIds() + ".",
                        Map.of("unavailableProductIds", unavailable.productIds()));
            case MixedCurrencies mixed ->
                new ShopProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "mixed-currencies",
                        "Mixed currencies",
                        "An order is paid in one currency; these products are priced in " + mixed.currencies() + ".",
                        Map.of("currencies", mixed.currencyByProduct()));
            case IdempotencyKeyReused reused ->
                ShopProblem.unprocessable(
                        "This Idempotency-Key was already used for a different request; use a new key for a new order.");
        };
    }

    private final ProblemDetailsHandler problems;

    OrderRefusalProblems(ProblemDetailsHandler problems) {
        this.problems = problems;
    }

    @ExceptionHandler(OrderRefused.class)
    ResponseEntity<Object> refused(OrderRefused refusal, WebRequest request) {
        return problems.shopProblem(problem(refusal), request);
    }
}
