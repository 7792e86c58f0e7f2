package dev.prodev.shop.order.orders;

import dev.prodev.shop.events.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;

/** What the REST API shows of orders (records, built inside the reading transaction). */
public final class OrderViews {

    private OrderViews() {}

    @Schema(description = "An order with its lines and its saga timeline")
    public record OrderView(
            UUID id,
            String customerId,
            OrderStatus status,
            Money total,
            List<LineView> lines,
            List<TransitionView> timeline,

            @Schema(description = "why it was cancelled, when it was", nullable = true)
            String cancelReason,

            Instant createdAt,
            Instant updatedAt) {

        public static OrderView of(Order order) {
            return new OrderView(
                    order.getId(),
                    order.getCustomerId(),
                    order.getStatus(),
                    new Money(order.getTotalAmount(), order.getCurrency()),
                    order.getLines().stream().map(LineView::of).toList(),
                    order.getTimeline().stream().map(TransitionView::of).toList(),
                    order.getCancelReason() == null
                            ? null
                            : order.getCancelReason().code(),
                    order.getCreatedAt(),
                    order.getUpdatedAt());
        }
    }

    @Schema(description = "One ordered product at the price taken when the order was placed")
    public record LineView(UUID productId, String sku, String name, int quantity, Money unitPrice) {

        static LineView of(OrderLineItem line) {
            return new LineView(
                    line.getProductId(),
                    line.getSku(),
                    line.getProductName(),
                    line.getQuantity(),
                    new Money(line.getUnitPrice(), line.getCurrency()));
        }
    }

    @Schema(description = "One state change of the order saga")
    public record TransitionView(@Schema(nullable = true) OrderStatus from, OrderStatus to, String reason, Instant at) {

        static TransitionView of(OrderTransition transition) {
            return new TransitionView(
                    transition.getFrom(), transition.getTo(), transition.getReason(), transition.getAt());
        }
    }

    @Schema(description = "An order in a list")
    public record OrderSummary(
            UUID id, String customerId, OrderStatus status, Money total, Instant createdAt, Instant updatedAt) {

        static OrderSummary of(Order order) {
            return new OrderSummary(
                    order.getId(),
                    order.getCustomerId(),
                    order.getStatus(),
                    new Money(order.getTotalAmount(), order.getCurrency()),
                    order.getCreatedAt(),
                    order.getUpdatedAt());
        }
    }

    @Schema(description = "One page of orders, newest first")
    public record OrderPage(List<OrderSummary> content, int page, int size, long totalElements, int totalPages) {

        static OrderPage of(Page<Order> page) {
            return new OrderPage(
                    page.getContent().stream().map(OrderSummary::of).toList(),
                    page.getNumber(),
                    page.getSize(),
                    page.getTotalElements(),
                    page.getTotalPages());
        }
    }
}
