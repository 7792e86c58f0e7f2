package dev.prodev.shop.notification.inapp;

/**
 * What happened, and therefore which template renders it and whether it also goes out by
 * email. Every kind is shown in the app; only the ones a shopper must not miss are mailed.
 */
public enum NotificationKind {
    WELCOME("welcome", false),
    ORDER_PLACED("order-placed", false),
    ORDER_CONFIRMED("order-confirmed", true),
    ORDER_CANCELLED("order-cancelled", true),
    /** In the app only: the refund itself is mailed as PAYMENT_REFUNDED, one e-mail per refund is enough. */
    ORDER_REFUNDED("order-refunded", false),
    PAYMENT_AUTHORIZED("payment-authorized", false),
    PAYMENT_FAILED("payment-failed", true),
    PAYMENT_REFUNDED("payment-refunded", true);

    private final String template;
    private final boolean emailed;

    NotificationKind(String template, boolean emailed) {
        this.template = template;
        this.emailed = emailed;
    }

    /** Base name of the templates under {@code templates/notification/}. */
    public String template() {
        return template;
    }

    public boolean emailed() {
        return emailed;
    }
}
