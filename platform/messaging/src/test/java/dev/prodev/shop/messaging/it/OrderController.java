package dev.prodev.shop.messaging.it;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.OrderLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.messaging.Outbox;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A business endpoint that changes nothing but appends an event, answering with its trace id. */
@RestController
public class OrderController {

    private final Outbox outbox;
    private final Tracer tracer;

    public OrderController(Outbox outbox, Tracer tracer) {
        this.outbox = outbox;
        this.tracer = tracer;
    }

    @PostMapping("/api/v1/it/orders")
    @Transactional
    public Map<String, String> place(@AuthenticationPrincipal Jwt jwt) {
        var orderId = UUID.randomUUID();
        var price = Money.of("10.00", "ETB");
        outbox.append(
                Topics.ORDERS,
                orderId.toString(),
                OrderPlaced.TYPE,
                new OrderPlaced(
                        orderId,
                        jwt.getSubject(),
                        jwt.getSubject() + "@example.com",
                        List.of(new OrderLine(UUID.randomUUID(), 1, price)),
                        price));
        var span = tracer.currentSpan();
        return Map.of(
                "orderId",
                orderId.toString(),
                "traceId",
                span == null ? "" : span.context().traceId());
    }
}
