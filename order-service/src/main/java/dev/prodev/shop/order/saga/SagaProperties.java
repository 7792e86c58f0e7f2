package dev.prodev.shop.order.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deadlines of the order saga ({@code shop.orders.saga.*}).
 *
 * @param stockDeadline how long a PENDING order waits for the catalog's stock reply
 * @param paymentDeadline how long a STOCK_RESERVED (or PAID) order waits for the payment outcome and confirmation
 * @param expiryInterval how often the deadline job looks for overdue sagas
 * @param expiryBatchSize how many overdue sagas one run of the job handles at most
 */
@ConfigurationProperties("shop.orders.saga")
public record SagaProperties(
        @DefaultValue("30s") Duration stockDeadline,
        @DefaultValue("5m") Duration paymentDeadline,
        @DefaultValue("5s") Duration expiryInterval,
        @DefaultValue("100") int expiryBatchSize) {}
