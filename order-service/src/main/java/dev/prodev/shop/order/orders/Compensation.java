package dev.prodev.shop.order.orders;

/**
 * What a cancellation must undo, decided by the state the order left: the saga turns it into
 * ReleaseStock / RefundPayment commands.
 */
public record Compensation(boolean releaseStock, boolean refundPayment) {

    public static final Compensation NONE = new Compensation(false, false);
}
