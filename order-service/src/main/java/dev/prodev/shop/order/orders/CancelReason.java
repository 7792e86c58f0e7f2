package dev.prodev.shop.order.orders;

/**
 * Why an order was cancelled, as a short code: stored on the order, used as the metric tag
 * (bounded cardinality) and as the first word of the reason people read.
 */
public enum CancelReason {
    STOCK_REJECTED("stock-rejected"),
    PAYMENT_FAILED("payment-failed"),
    /** We asked the provider for another amount than the order's total (our defect). */
    PAYMENT_MISMATCH("payment-mismatch"),
    /**
     * The provider confirmed another amount or currency than we asked it to charge (an underpayment at a
     * hosted checkout, a currency switch): the money taken is refunded (issue #14, ADR 0025).
     */
    PAYMENT_NOT_AS_CHARGED("payment-not-as-charged"),
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
