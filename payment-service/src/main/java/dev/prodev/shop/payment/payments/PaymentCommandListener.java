package dev.prodev.shop.payment.payments;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's commands. The inbox entry, the payment row and the outcome event commit together:
 * a redelivered command is skipped, and a crash before commit leaves nothing half done.
 */
@Component
class PaymentCommandListener {

    static final String CONSUMER = "payment.payment-commands";

    private static final Logger log = LoggerFactory.getLogger(PaymentCommandListener.class);

    private final Inbox inbox;
    private final PaymentService payments;

    PaymentCommandListener(Inbox inbox, PaymentService payments) {
        this.inbox = inbox;
        this.payments = payments;
    }

    @KafkaListener(topics = Topics.PAYMENT_COMMANDS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            log.info("command {} ({}) was handled before; skipping the redelivery", event.id(), event.type());
            return;
        }
        switch (event.type()) {
            case AuthorizePayment.TYPE -> payments.authorize(event.data(AuthorizePayment.class));
            case RefundPayment.TYPE -> payments.refundOnRequest(event.data(RefundPayment.class),
                    event.source() == null ? "saga" : event.source());
            default -> log.info("ignoring {} on {}: not a payment command", event.type(), record.topic());
        }
    }
}
