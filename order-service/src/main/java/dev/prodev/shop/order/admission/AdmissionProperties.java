package dev.prodev.shop.order.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may place an order ({@code shop.orders.*}).
 *
 * @param requireVerifiedEmail refuse {@code POST /orders} (403) unless the token's {@code email_verified} is true;
 *        off by default (dev realm users), on in prod ({@code SHOP_ORDERS_REQUIRE_VERIFIED_EMAIL=true})
 * @param limits how much one customer may hold unpaid at once
 * @param erasure how long an erased customer's tokens stay refused
 * @param admission when the whole shop stops taking orders because the saga is behind
 */
@ConfigurationProperties("shop.orders")
public record AdmissionProperties(
        @DefaultValue("false") boolean requireVerifiedEmail,
        @DefaultValue Limits limits,
        @DefaultValue Erasure erasure,
        @DefaultValue Admission admission) {

    /**
     * @param maxOpenOrders orders not yet CONFIRMED or CANCELLED one customer may have at once
     * @param maxReservedUnits units (sum of line quantities) over those open orders
     */
    public record Limits(
            @DefaultValue("10") int maxOpenOrders,
            @DefaultValue("100") int maxReservedUnits) {}

    /**
     * @param tombstoneTtl how long a deleted customer's id is refused; longer than the access token lifetime
     * @param purgeInterval how often expired tombstones are deleted
     */
    public record Erasure(
            @DefaultValue("PT1H") Duration tombstoneTtl,
            @DefaultValue("PT5M") Duration purgeInterval) {}

    /**
     * Admission control at the door of {@code POST /orders} ({@code shop.orders.admission.*}, ADR 0021):
     * once more sagas are open than the pipeline can finish within a stock deadline, new orders are
     * refused with 503 + Retry-After instead of being accepted and then left waiting.
     *
     * @param maxOpenSagas open sagas (PENDING, STOCK_RESERVED, PAID) beyond which new orders are
     *        refused; 3 000 is about 10 s of work at 300 orders/s, a third of the stock deadline
     * @param refreshInterval how often the count is read from the database (one query per replica,
     *        never one per request)
     * @param retryAfter what {@code Retry-After} tells a refused client
     */
    public record Admission(
            @DefaultValue("3000") int maxOpenSagas,
            @DefaultValue("250ms") Duration refreshInterval,
            @DefaultValue("2s") Duration retryAfter) {}
}
