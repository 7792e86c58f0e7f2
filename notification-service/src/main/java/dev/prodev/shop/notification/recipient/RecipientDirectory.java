package dev.prodev.shop.notification.recipient;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notifier's own copy of who is who (it may not read other services' databases): user id
 * to email and display name (from {@code user.registered} and the {@code customerEmail} of order
 * events), and order id to customer (payment events name only the order). Upserts, so replaying
 * an event changes nothing.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class RecipientDirectory {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RecipientDirectory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** From {@code user.registered}: the authoritative name and address. */
    public void registered(String userId, String email, String displayName) {
        if (isErased(userId)) {
            return;
        }
        jdbc.update("""
                insert into recipient (user_id, email, display_name, updated_at) values (?, ?, ?, ?)
                on conflict (user_id) do update set email = excluded.email,
                    display_name = coalesce(excluded.display_name, recipient.display_name), updated_at = excluded.updated_at
                """, userId, email, displayName, now());
    }

    /** From an order event: the address the order was placed with, and whose order it is. */
    public void ordered(UUID orderId, String customerId, String customerEmail) {
        if (isErased(customerId)) {
            return; // a late event must not bring an erased user's data back
        }
        jdbc.update("""
                insert into customer_order (order_id, customer_id, created_at) values (?, ?, ?)
                on conflict (order_id) do nothing
                """, orderId, customerId, now());
        if (customerEmail != null && !customerEmail.isBlank()) {
            jdbc.update("""
                    insert into recipient (user_id, email, updated_at) values (?, ?, ?)
                    on conflict (user_id) do update set email = excluded.email, updated_at = excluded.updated_at
                    """, customerId, customerEmail, now());
        }
    }

    public Optional<String> customerOf(UUID orderId) {
        return jdbc
                .queryForList("select customer_id from customer_order where order_id = ?", String.class, orderId)
                .stream()
                .findFirst();
    }

    public Recipient find(String userId) {
        return jdbc
                .query(
                        "select user_id, email, display_name from recipient where user_id = ?",
                        (rs, row) -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3)),
                        userId)
                .stream()
                .findFirst()
                .orElse(new Recipient(userId, null, null));
    }

    public boolean isErased(String userId) {
        return jdbc.queryForObject(
                "select exists (select 1 from erased_user where user_id = ?)", Boolean.class, userId);
    }

    /**
     * Forgets the user's address and name. What stays are opaque ids only: the user id (so late
     * events stay erased) and which order ids were theirs (so a late payment event for one of them
     * is recognised and ignored instead of failing into the dead letters as an unknown order).
     */
    public void erase(String userId) {
        jdbc.update("delete from recipient where user_id = ?", userId);
        jdbc.update(
                "insert into erased_user (user_id, erased_at) values (?, ?) on conflict (user_id) do nothing",
                userId,
                now());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
