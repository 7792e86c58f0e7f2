package dev.prodev.shop.order.idempotency;

import dev.prodev.shop.order.orders.OrderRefused;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code Idempotency-Key} ledger: one row per (customer, key) naming the order it created
 * and a fingerprint of the request. Claimed with {@code insert ... on conflict do nothing} in the
 * placing transaction, so two concurrent requests with one key serialise on the primary key:
 * the second waits for the first to commit, then finds its order instead of creating another.
 */
@Component
public class IdempotencyKeys {

    public static final int MAX_KEY_LENGTH = 100;

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code key} for {@code newOrderId}. Empty when the claim is new (the caller creates
     * the order in this transaction); the earlier order's id when the same request was made
     * before; a 422 problem when the key was used for a different request.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> claim(String customerId, String key, String requestFingerprint, UUID newOrderId) {
        var inserted = jdbc.update("""
                insert into idempotency_key (customer_id, idempotency_key, request_hash, order_id)
                values (?, ?, ?, ?) on conflict do nothing""", customerId, key, requestFingerprint, newOrderId);
        if (inserted == 1) {
            return Optional.empty();
        }
        return earlier(customerId, key, requestFingerprint);
    }

    /**
     * The order {@code key} already placed, without claiming anything: empty when the key is
     * unused, a 422 problem when it was used for a different request. Lets a retry of a placed
     * order find it before any limit on new orders applies.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> earlier(String customerId, String key, String requestFingerprint) {
        var rows = jdbc.queryForList(
                "select request_hash, order_id from idempotency_key where customer_id = ? and idempotency_key = ?",
                customerId,
                key);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var earlier = rows.getFirst();
        if (!requestFingerprint.equals(earlier.get("request_hash"))) {
            throw new OrderRefused.IdempotencyKeyReused();
        }
        return Optional.of((UUID) earlier.get("order_id"));
    }

    /** SHA-256 (hex) of a canonical form of the request. */
    public static String fingerprint(String canonicalRequest) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
