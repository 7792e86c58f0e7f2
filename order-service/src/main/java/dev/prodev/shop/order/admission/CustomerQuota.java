package dev.prodev.shop.order.admission;

import dev.prodev.shop.web.problem.ShopProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-customer limits on unpaid orders ({@code shop.orders.limits.max-open-orders}) and on the
 * units they reserve ({@code shop.orders.limits.max-reserved-units}): registration is free, so
 * without them a few throwaway accounts could hold popular stock for the whole payment deadline.
 * Open means the saga still runs (not yet CONFIRMED or CANCELLED).
 *
 * <p>Race safety: the check takes a transaction-scoped PostgreSQL advisory lock on the customer
 * id before counting, and the placing transaction keeps it until it commits the new order. So
 * one customer's placements are serialised across threads and replicas, and concurrent requests
 * cannot overshoot a limit at all (overshoot 0). Other customers never wait for it (a hash
 * collision between two ids at most makes them queue behind each other).
 */
@Component
public class CustomerQuota {

    private final JdbcTemplate jdbc;
    private final AdmissionProperties properties;
    private final Clock clock;

    CustomerQuota(JdbcTemplate jdbc, AdmissionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Serialises this customer's placements until the current transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String customerId) {
        jdbc.queryForObject(
                "select pg_advisory_xact_lock(hashtextextended(?, 0))::text",
                String.class,
                "order-quota:" + customerId);
    }

    /**
     * Refuses an order of {@code units} that would pass a limit: 422 when the order alone is
     * larger than the unit limit (waiting never helps), otherwise 429 with a {@code Retry-After}
     * until the customer's next open order reaches its deadline. Call {@link #lock} first.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void checkRoomFor(String customerId, int units) {
        var limits = properties.limits();
        if (units > limits.maxReservedUnits()) {
            throw ShopProblem.unprocessable(
                    "One order may hold at most " + limits.maxReservedUnits() + " units; this one has " + units + ".");
        }
        var open = jdbc.queryForMap("""
                select count(distinct o.id) as orders, coalesce(sum(l.quantity), 0) as units,
                       min(o.deadline_at) as next_deadline
                from customer_order o left join order_line l on l.order_id = o.id
                where o.customer_id = ? and o.status in ('PENDING', 'STOCK_RESERVED', 'PAID')""", customerId);
        var orders = ((Number) open.get("orders")).intValue();
        var reserved = ((Number) open.get("units")).intValue();
        String detail = null;
        if (orders + 1 > limits.maxOpenOrders()) {
            detail = "You have " + orders + " unpaid orders; at most " + limits.maxOpenOrders()
                    + " may be open at once. Pay or cancel one, then try again.";
        } else if (reserved + units > limits.maxReservedUnits()) {
            detail = "Your unpaid orders hold " + reserved + " units; with this one they would hold "
                    + (reserved + units) + ", more than the " + limits.maxReservedUnits()
                    + " allowed. Pay or cancel one, then try again.";
        }
        if (detail != null) {
            var retryAfter = retryAfter((Timestamp) open.get("next_deadline"));
            throw new ShopProblem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too-many-open-orders",
                            "Too many unpaid orders",
                            detail,
                            Map.of(
                                    "openOrders",
                                    orders,
                                    "reservedUnits",
                                    reserved,
                                    "maxOpenOrders",
                                    limits.maxOpenOrders(),
                                    "maxReservedUnits",
                                    limits.maxReservedUnits()))
                    .withHeader("Retry-After", Long.toString(retryAfter));
        }
    }

    /** Seconds until the earliest open order's deadline (then it is settled one way or the other), at least 1. */
    private long retryAfter(Timestamp nextDeadline) {
        if (nextDeadline == null) {
            return 1;
        }
        return Math.max(
                1, Duration.between(clock.instant(), nextDeadline.toInstant()).toSeconds() + 1);
    }
}
