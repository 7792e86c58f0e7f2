package dev.prodev.shop.payment.ledger;

import dev.prodev.shop.web.problem.ShopProblem;
import dev.prodev.shop.web.security.KeycloakRoles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger for admins: the money that moved per UTC day (captured, refunded, net) and one payment's
 * trail. Read from {@code payment_ledger} only, so it shows what the provider confirmed, not what we
 * asked for. The order side of the comparison (orders confirmed − returned) is order-service's.
 */
@RestController
@RequestMapping("/api/v1/payments/admin/ledger")
@PreAuthorize("hasRole('" + KeycloakRoles.ADMIN + "')")
@Tag(name = "Payment ledger", description = "Money captured and refunded, from the append-only ledger (admin)")
class LedgerReport {

    static final int MAX_DAYS = 92;

    private final JdbcTemplate jdbc;
    private final LedgerRepository ledger;

    LedgerReport(JdbcTemplate jdbc, LedgerRepository ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** One UTC day in one currency. {@code net} = captured − refunded. */
    record Day(LocalDate day, String currency, BigDecimal captured, BigDecimal refunded, BigDecimal net) {}

    record Entry(String kind, BigDecimal amount, String currency, String providerReference, String note, String at) {}

    @GetMapping("/daily")
    @Operation(
            summary = "Money captured and refunded per UTC day (admin)",
            description = "Days from `from` to `to` inclusive (at most 92), one row per day and currency that"
                    + " saw money move.")
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
                select (recorded_at at time zone 'UTC')::date as day, currency,
                       coalesce(sum(amount) filter (where kind = 'CAPTURE'), 0) as captured,
                       coalesce(sum(amount) filter (where kind = 'REFUND'), 0) as refunded
                  from payment_ledger
                 where recorded_at >= ? and recorded_at < ?
                 group by 1, 2
                 order by 1, 2""",
                (rs, i) -> {
                    var captured = rs.getBigDecimal("captured");
                    var refunded = rs.getBigDecimal("refunded");
                    return new Day(
                            rs.getObject("day", LocalDate.class),
                            rs.getString("currency"),
                            captured,
                            refunded,
                            captured.subtract(refunded));
                },
                java.sql.Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                java.sql.Timestamp.from(
                        to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    @GetMapping("/payments/{paymentId}")
    @Operation(summary = "One payment's ledger entries, oldest first (admin)")
    @ApiResponse(responseCode = "200", description = "the entries (empty when the payment moved no money yet)")
    List<Entry> trail(@PathVariable UUID paymentId) {
        return ledger.findByPaymentIdOrderById(paymentId).stream()
                .map(e -> new Entry(
                        e.getKind().name(),
                        e.money().amount(),
                        e.money().currency(),
                        e.getProviderReference(),
                        e.getNote(),
                        e.getRecordedAt().toString()))
                .toList();
    }
}
