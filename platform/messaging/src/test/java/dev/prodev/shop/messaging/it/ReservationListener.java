package dev.prodev.shop.messaging.it;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A consumer written exactly as the contract shows: CloudEvent in, inbox check, effect, all in
 * one transaction. Tests can make it fail for chosen orders (a downstream outage) and count how
 * often each record was delivered.
 */
@Component
public class ReservationListener {

    public static final String CONSUMER = "it.stock-commands";

    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

    private final Inbox inbox;
    private final JdbcTemplate jdbc;

    public ReservationListener(Inbox inbox, JdbcTemplate jdbc) {
        this.inbox = inbox;
        this.jdbc = jdbc;
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

    @KafkaListener(topics = Topics.STOCK_COMMANDS)
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        deliveries.merge(String.valueOf(record.key()), 1, Integer::sum);
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        if (ReserveStock.TYPE.equals(event.type())) {
            var command = event.data(ReserveStock.class);
            if (failing.contains(command.orderId())) {
                throw new IllegalStateException("stock database unavailable (simulated)");
            }
            jdbc.update("insert into it_reservation (order_id, event_id, lines) values (?, ?, ?)", command.orderId(),
                    event.id(), command.lines().size());
        }
    }
}
