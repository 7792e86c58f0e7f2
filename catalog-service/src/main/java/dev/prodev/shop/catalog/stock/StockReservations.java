package dev.prodev.shop.catalog.stock;

import dev.prodev.shop.catalog.product.ProductCache;
import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.stock.StockCommitFailed;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReleased;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.messaging.Outbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock side of the order saga. Stock never goes negative: every reservation is one
 * conditional UPDATE ({@code where on_hand - reserved >= q}) that PostgreSQL serialises on the
 * row, so 200 concurrent buyers of the last 10 items yield exactly 10 reservations. Each
 * operation is idempotent per order (one reservation row per order and product) and appends
 * its reply to the outbox in the caller's transaction.
 */
@Service
public class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final ProductCache cache;
    private final Duration ttl;
    private final Clock clock;

    StockReservations(
            JdbcTemplate jdbc,
            Outbox outbox,
            ProductCache cache,
            @Value("${shop.catalog.reservation-ttl:PT15M}") Duration ttl,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.cache = cache;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Reserves every line or none, then replies StockReserved or StockRejected on {@code shop.stock}. */
    @Transactional
    public ReservationOutcome reserve(UUID orderId, List<StockLine> lines) {
        var outcome = tryReserve(orderId, lines);
        switch (outcome) {
            case ReservationOutcome.Reserved reserved ->
                outbox.append(orderId.toString(), new StockReserved(orderId, reserved.lines()));
            case ReservationOutcome.Rejected rejected ->
                outbox.append(
                        orderId.toString(),
                        new StockRejected(orderId, rejected.reason(), rejected.unavailableProductIds()));
        }
        return outcome;
    }

    private ReservationOutcome tryReserve(UUID orderId, List<StockLine> lines) {
        var existing = jdbc.queryForList(
                "select product_id, quantity, status from stock_reservation where order_id = ?", orderId);
        if (!existing.isEmpty()) {
            // the same order asked again (a new command id): answer what was decided, never reserve twice
            var live = existing.stream()
                    .allMatch(row -> "RESERVED".equals(row.get("status")) || "COMMITTED".equals(row.get("status")));
            if (live) {
                return new ReservationOutcome.Reserved(existing.stream()
                        .map(row -> new StockLine((UUID) row.get("product_id"), (Integer) row.get("quantity")))
                        .toList());
            }
            return new ReservationOutcome.Rejected(
                    "the reservation of this order was already released or expired", List.of());
        }
        if (lines == null || lines.isEmpty()) {
            return new ReservationOutcome.Rejected("the order has no lines", List.of());
        }
        // one quantity per product; sorted so that concurrent multi-line orders lock rows in the same order (no
        // deadlock)
        var wanted = new TreeMap<UUID, Integer>();
        for (var line : lines) {
            if (line.productId() == null || line.quantity() <= 0) {
                return new ReservationOutcome.Rejected(
                        "invalid line " + line, line.productId() == null ? List.of() : List.of(line.productId()));
            }
            wanted.merge(line.productId(), line.quantity(), Integer::sum);
        }
        var taken = new ArrayList<Map.Entry<UUID, Integer>>();
        var unavailable = new ArrayList<UUID>();
        boolean soldOut = false;
        for (var line : wanted.entrySet()) {
            var left = jdbc.queryForList("""
                    update stock set reserved = reserved + ?, updated_at = now()
                    where product_id = ? and on_hand - reserved >= ?
                      and exists (select 1 from product p where p.id = stock.product_id and p.status = 'ACTIVE')
                    returning on_hand - reserved""", Integer.class, line.getValue(), line.getKey(), line.getValue());
            if (left.size() == 1) {
                taken.add(line);
                soldOut |= left.getFirst() == 0;
            } else {
                unavailable.add(line.getKey());
            }
        }
        if (!unavailable.isEmpty()) {
            // all or none: give back what this transaction took (its row locks are still held, so this is exact)
            for (var line : taken) {
                jdbc.update(
                        "update stock set reserved = reserved - ?, updated_at = now() where product_id = ?",
                        line.getValue(),
                        line.getKey());
            }
            return new ReservationOutcome.Rejected("insufficient stock", List.copyOf(unavailable));
        }
        var expiresAt = Timestamp.from(clock.instant().plus(ttl));
        for (var line : wanted.entrySet()) {
            jdbc.update("""
                    insert into stock_reservation (id, order_id, product_id, quantity, status, expires_at)
                    values (?, ?, ?, ?, 'RESERVED', ?)""", UUID.randomUUID(), orderId, line.getKey(), line.getValue(), expiresAt);
        }
        if (soldOut) {
            // listings show a product only by whether it is in stock: only a product that sold out moves pages
            cache.evictPagesAfterCommit();
        }
        return new ReservationOutcome.Reserved(wanted.entrySet().stream()
                .map(line -> new StockLine(line.getKey(), line.getValue()))
                .toList());
    }

    /** Gives an order's live reservation back and replies StockReleased (also when nothing was left to release). */
    @Transactional
    public int release(UUID orderId, String reason) {
        var released = releaseLive(orderId, "RELEASED", clock.instant());
        log.info("released {} reservation line(s) of order {}: {}", released, orderId, reason);
        outbox.append(orderId.toString(), new StockReleased(orderId));
        return released;
    }

    /**
     * The order was confirmed: its reservation becomes a sale (leaves on_hand) and no longer expires.
     * A reservation that expired before the commit arrived is taken again if the stock is still
     * there; when it is not, nothing is taken and {@code StockCommitFailed} tells the saga, which
     * refunds and cancels: a confirmed order never keeps units that were sold again (issue #14,
     * finding 4; ADR 0018).
     */
    @Transactional
    public int commit(UUID orderId) {
        var rows = jdbc.queryForList("""
                select id, product_id, quantity from stock_reservation
                where order_id = ? and status = 'RESERVED' order by product_id for update""", orderId);
        for (var row : rows) {
            jdbc.update("""
                    update stock set on_hand = on_hand - ?, reserved = reserved - ?, updated_at = now()
                    where product_id = ?""", row.get("quantity"), row.get("quantity"), row.get("product_id"));
            jdbc.update(
                    "update stock_reservation set status = 'COMMITTED', updated_at = now() where id = ?",
                    row.get("id"));
        }
        if (rows.isEmpty()) {
            return commitExpired(orderId);
        }
        return rows.size();
    }

    /**
     * A confirmed order was refunded: its committed units go back on hand (a sale undone; ReleaseStock
     * only gives back a live reservation). Per product at most what the order committed and has not had
     * restocked yet, so a redelivered or repeated command, or a line the order never had, adds nothing.
     * Returns the units put back.
     */
    @Transactional
    public int restock(UUID orderId, List<StockLine> lines, String reason) {
        int units = 0;
        for (var line : lines) {
            var rows = jdbc.queryForList("""
                    select id, quantity - restocked as left_to_restock from stock_reservation
                    where order_id = ? and product_id = ? and status = 'COMMITTED' for update""", orderId, line.productId());
            if (rows.isEmpty()) {
                continue;
            }
            var row = rows.getFirst();
            int back = Math.min(line.quantity(), ((Number) row.get("left_to_restock")).intValue());
            if (back <= 0) {
                continue;
            }
            jdbc.update(
                    "update stock_reservation set restocked = restocked + ?, updated_at = now() where id = ?",
                    back,
                    row.get("id"));
            jdbc.update(
                    "update stock set on_hand = on_hand + ?, updated_at = now() where product_id = ?",
                    back,
                    line.productId());
            units += back;
        }
        if (units > 0) {
            cache.evictPagesAfterCommit();
        }
        log.info("restocked {} unit(s) of order {}: {}", units, orderId, reason);
        return units;
    }

    private int commitExpired(UUID orderId) {
        var expired = jdbc.queryForList("""
                select id, product_id, quantity from stock_reservation
                where order_id = ? and status = 'EXPIRED' order by product_id for update""", orderId);
        if (expired.isEmpty()) {
            log.info(
                    "commit of order {} found no live or expired reservation (already committed or released)", orderId);
            return 0;
        }
        var taken = new ArrayList<Map<String, Object>>();
        var unavailable = new ArrayList<UUID>();
        for (var row : expired) {
            // the customer has paid: the product's status no longer matters, only that the units are there
            var updated = jdbc.update("""
                    update stock set on_hand = on_hand - ?, updated_at = now()
                    where product_id = ? and on_hand - reserved >= ?""", row.get("quantity"), row.get("product_id"), row.get("quantity"));
            if (updated == 1) {
                taken.add(row);
            } else {
                unavailable.add((UUID) row.get("product_id"));
            }
        }
        if (!unavailable.isEmpty()) {
            // all or none, as a reservation: give back what this transaction took (its row locks are still held)
            for (var row : taken) {
                jdbc.update(
                        "update stock set on_hand = on_hand + ?, updated_at = now() where product_id = ?",
                        row.get("quantity"),
                        row.get("product_id"));
            }
            log.warn(
                    "commit of order {} came after its reservation expired and the stock of {} is gone: commit failed",
                    orderId,
                    unavailable);
            outbox.append(
                    orderId.toString(),
                    new StockCommitFailed(
                            orderId, "reservation expired and the stock is sold", List.copyOf(unavailable)));
            return 0;
        }
        for (var row : expired) {
            jdbc.update(
                    "update stock_reservation set status = 'COMMITTED', updated_at = now() where id = ?",
                    row.get("id"));
        }
        cache.evictPagesAfterCommit();
        log.warn("commit of order {} came after its reservation expired: the stock was taken again", orderId);
        return expired.size();
    }

    /**
     * Releases reservations past their deadline, at most {@code limit} orders per call, and
     * replies StockReleased for each order, so the saga learns the stock is gone.
     */
    @Transactional
    public List<UUID> expireDue(int limit) {
        var now = clock.instant();
        var orders = jdbc.queryForList("""
                select distinct order_id from stock_reservation
                where status = 'RESERVED' and expires_at < ? limit ?""", UUID.class, Timestamp.from(now), limit);
        var expired = new ArrayList<UUID>();
        for (var orderId : orders) {
            if (releaseLive(orderId, "EXPIRED", now) > 0) {
                outbox.append(orderId.toString(), new StockReleased(orderId));
                expired.add(orderId);
            }
        }
        return expired;
    }

    private int releaseLive(UUID orderId, String newStatus, Instant now) {
        // lock the reservation rows first: a concurrent commit or release of the same order waits, then finds nothing
        // live
        var rows = jdbc.queryForList("""
                select id, product_id, quantity from stock_reservation
                where order_id = ? and status = 'RESERVED' order by product_id for update""", orderId);
        for (var row : rows) {
            jdbc.update(
                    "update stock set reserved = reserved - ?, updated_at = now() where product_id = ?",
                    row.get("quantity"),
                    row.get("product_id"));
            jdbc.update(
                    "update stock_reservation set status = ?, updated_at = ? where id = ?",
                    newStatus,
                    Timestamp.from(now),
                    row.get("id"));
        }
        if (!rows.isEmpty()) {
            cache.evictPagesAfterCommit();
        }
        return rows.size();
    }

    /** Current stock of a product, or null when the product has no stock row. */
    @Transactional(readOnly = true)
    public StockLevel level(UUID productId) {
        var rows = jdbc.query(
                "select product_id, on_hand, reserved from stock where product_id = ?",
                (rs, i) -> new StockLevel(
                        rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getInt(2) - rs.getInt(3)),
                productId);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Adds {@code delta} to on_hand; refused (false) when it would drop below what is reserved or zero. */
    @Transactional
    public boolean adjust(UUID productId, int delta) {
        var updated = jdbc.update("""
                update stock set on_hand = on_hand + ?, updated_at = now()
                where product_id = ? and on_hand + ? >= reserved and on_hand + ? >= 0""", delta, productId, delta, delta);
        if (updated == 1) {
            cache.evictPagesAfterCommit();
        }
        return updated == 1;
    }
}
