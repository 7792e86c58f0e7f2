package dev.prodev.shop.messaging.inbox;

import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Inbox} on the service's database. The insert joins the consumer's transaction, so the
 * "seen" mark and the effect commit or roll back together; a concurrent duplicate waits on the
 * primary key and then sees the conflict.
 */
public class JdbcInbox implements Inbox {

    private final JdbcTemplate jdbc;

    public JdbcInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, IncomingEvent event) {
        return firstDelivery(consumer, event.id());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(eventId, "eventId");
        return jdbc.update(
                        "insert into inbox (consumer, event_id) values (?, ?) on conflict do nothing",
                        consumer,
                        eventId)
                == 1;
    }
}
