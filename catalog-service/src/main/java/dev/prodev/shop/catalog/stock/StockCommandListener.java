package dev.prodev.shop.catalog.stock;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Catalog's part in the order saga: reserve, release and commit stock for an order. The inbox
 * row, the stock change and the reply in the outbox commit together, so a redelivered command
 * is a no-op and a crash in between replays cleanly.
 */
@Component
class StockCommandListener {

    static final String CONSUMER = "catalog.stock-commands";

    private static final Logger log = LoggerFactory.getLogger(StockCommandListener.class);

    private final Inbox inbox;
    private final StockReservations stock;

    StockCommandListener(Inbox inbox, StockReservations stock) {
        this.inbox = inbox;
        this.stock = stock;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.STOCK_COMMANDS, groupId = "catalog-service",
            concurrency = "${shop.catalog.stock-commands.concurrency:3}")
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            log.debug("stock command {} already handled", event.id());
            return;
        }
        switch (event.type()) {
            case ReserveStock.TYPE -> {
                var command = event.data(ReserveStock.class);
                stock.reserve(command.orderId(), command.lines());
            }
            case ReleaseStock.TYPE -> {
                var command = event.data(ReleaseStock.class);
                stock.release(command.orderId(), command.reason());
            }
            case CommitStock.TYPE -> stock.commit(event.data(CommitStock.class).orderId());
            default -> log.warn("ignoring unknown stock command type {} (id {})", event.type(), event.id());
        }
    }
}
