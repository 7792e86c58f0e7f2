package dev.prodev.shop.messaging.it;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.stereotype.Component;

/**
 * Consumers written exactly as the contract shows: a handler table, the effect in the handler.
 * Tests can make it fail for chosen orders (a downstream outage) and count how often each record
 * was delivered (a {@link RecordInterceptor} sees every attempt before the dispatcher does).
 */
@Component
public class ReservationListener implements EventSubscriber {

    public static final String CONSUMER = "it.stock-commands";
    public static final String PAYMENTS = "it.payments";

    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;

    public ReservationListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(
                EventHandlers.consumer(CONSUMER, Topics.STOCK_COMMANDS)
                        .on(ReserveStock.class, this::reserve)
                        .build(),
                EventHandlers.consumer(PAYMENTS, Topics.PAYMENTS)
                        .on(PaymentAuthorized.class, this::authorized)
                        .build());
    }

    /** From now on, processing {@code orderId} fails as if a dependency were down. */
    public void failFor(UUID orderId) {
        failing.add(orderId);
    }

    /** The dependency is back for {@code orderId}. */
    public void recover(UUID orderId) {
        failing.remove(orderId);
    }

    /** Deliveries of records with this key so far (every attempt: retries, duplicates, redrives). */
    public int deliveries(String key) {
        return deliveries.getOrDefault(key, 0);
    }

    /** Counts a delivery attempt of a record with {@code key}. */
    void delivered(String key) {
        deliveries.merge(String.valueOf(key), 1, Integer::sum);
    }

    private void reserve(IncomingEvent event, ReserveStock command) {
        if (failing.contains(command.orderId())) {
            throw new IllegalStateException("stock database unavailable (simulated)");
        }
        jdbc.update(
                "insert into it_reservation (order_id, event_id, lines) values (?, ?, ?)",
                command.orderId(),
                event.id(),
                command.lines().size());
    }

    private void authorized(IncomingEvent event, PaymentAuthorized authorized) {
        jdbc.update(
                "insert into it_reservation (order_id, event_id, lines) values (?, ?, 0)",
                authorized.orderId(),
                event.id());
    }
}
