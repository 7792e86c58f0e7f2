package dev.prodev.shop.order.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deadlines of the order saga ({@code shop.orders.saga.*}); ADR 0021 says what each one measures.
 *
 * @param stockDeadline how long a PENDING order waits for the catalog's stock reply before the
 *        {@code ReserveStock} command is sent again (idempotent per order) and the wait goes on; an
 *        internal step never cancels an accepted order because the pipeline is slow or restarted
 * @param stockGiveUp how long after placing a PENDING order that still has no stock reply is
 *        cancelled after all (an outage far beyond any restart; well inside the catalog's 15-minute
 *        reservation TTL, so a reservation made meanwhile is still released by the cancellation)
 * @param paymentDeadline how long a STOCK_RESERVED (or PAID) order waits for the payment outcome and
 *        confirmation, from the moment the stock was reserved: the customer's and provider's wait
 * @param expiryInterval how often the deadline job looks for overdue sagas
 * @param expiryBatchSize how many overdue sagas one run of the job handles at most
 */
@ConfigurationProperties("shop.orders.saga")
public record SagaProperties(
        @DefaultValue("30s") Duration stockDeadline,
        @DefaultValue("10m") Duration stockGiveUp,
        @DefaultValue("5m") Duration paymentDeadline,
        @DefaultValue("5s") Duration expiryInterval,
        @DefaultValue("100") int expiryBatchSize) {}
