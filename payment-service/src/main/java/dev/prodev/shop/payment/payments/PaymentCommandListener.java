package dev.prodev.shop.payment.payments;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The saga's commands. The inbox entry, the payment row and the outcome event commit together:
 * a redelivered command is skipped, and a crash before commit leaves nothing half done.
 */
@Component
class PaymentCommandListener implements EventSubscriber {

    static final String CONSUMER = "payment.payment-commands";

    private final PaymentService payments;

    PaymentCommandListener(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.PAYMENT_COMMANDS)
                .on(AuthorizePayment.class, payments::authorize)
                .on(
                        RefundPayment.class,
                        (event, command) ->
                                payments.refundOnRequest(command, event.source() == null ? "saga" : event.source()))
                .build());
    }
}
