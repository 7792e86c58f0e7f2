package dev.prodev.shop.order.orders;

/**
 * Why an order was cancelled, as a short code: stored on the order, used as the metric tag
 * (bounded cardinality) and as the first word of the reason people read.
 */
public enum CancelReason {
    STOCK_REJECTED("stock-rejected"),
    PAYMENT_FAILED("payment-failed"),
    PAYMENT_MISMATCH("payment-mismatch"),
    DEADLINE("deadline"),
    /** A confirmed order's late commit found its stock sold again (issue #14 finding 4, ADR 0018). */
    STOCK_COMMIT_FAILED("stock-commit-failed"),
    CUSTOMER("customer");

    private final String code;

    CancelReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
