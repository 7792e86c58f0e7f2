package dev.prodev.shop.order.orders;

import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order side of the daily money report (admin): per UTC day and currency, the totals of orders
 * confirmed and of confirmed orders given back (REFUNDED, or cancelled after confirmation because
 * their stock commit failed), from the timeline. Compared with payment-service's
 * {@code /api/v1/payments/admin/ledger/daily} (captured − refunded), the two {@code net} columns agree
 * when every confirmed order was charged once and every return refunded (docs/reliability.md).
 */
@RestController
@RequestMapping("/api/v1/orders/admin/report")
@PreAuthorize("hasRole('admin')")
@Tag(name = "Order report", description = "Orders confirmed and returned per day (admin)")
class OrderReport {

    static final int MAX_DAYS = 92;

    private final JdbcTemplate jdbc;

    OrderReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One UTC day in one currency; {@code net} = confirmed − returned. */
    record Day(
            LocalDate day,
            String currency,
            long confirmedOrders,
            BigDecimal confirmed,
            long returnedOrders,
            BigDecimal returned,
            BigDecimal net) {}

    @GetMapping("/daily")
    @Operation(
            summary = "Orders confirmed and returned per UTC day (admin)",
            description =
                    "Days from `from` to `to` inclusive (at most 92); compare with the payment ledger's daily report.")
    @ApiResponse(responseCode = "200", description = "the days, oldest first")
    @ApiResponse(responseCode = "400", description = "to before from, or more than 92 days")
    List<Day> daily(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ShopProblem.badRequest("from..to must be 1 to " + MAX_DAYS + " days, from not after to");
        }
        return jdbc.query(
                """
                select (t.at at time zone 'UTC')::date as day, o.currency,
                       count(*) filter (where t.to_status = 'CONFIRMED') as confirmed_orders,
                       coalesce(sum(o.total_amount) filter (where t.to_status = 'CONFIRMED'), 0) as confirmed,
                       count(*) filter (where t.to_status <> 'CONFIRMED') as returned_orders,
                       coalesce(sum(o.total_amount) filter (where t.to_status <> 'CONFIRMED'), 0) as returned
                  from order_transition t join customer_order o on o.id = t.order_id
                 where (t.to_status in ('CONFIRMED', 'REFUNDED')
                        or (t.to_status = 'CANCELLED' and t.from_status = 'CONFIRMED'))
                   and t.at >= ? and t.at < ?
                 group by 1, 2
                 order by 1, 2""",
                (rs, i) -> {
                    var confirmed = rs.getBigDecimal("confirmed");
                    var returned = rs.getBigDecimal("returned");
                    return new Day(
                            rs.getObject("day", LocalDate.class),
                            rs.getString("currency"),
                            rs.getLong("confirmed_orders"),
                            confirmed,
                            rs.getLong("returned_orders"),
                            returned,
                            confirmed.subtract(returned));
                },
                Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
}
