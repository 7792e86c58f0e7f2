package dev.prodev.shop.catalog.stock;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.RestockStock;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Catalog's part in the order saga: reserve, release and commit stock for an order, and restock a refunded one. The inbox
 * row, the stock change and the reply in the outbox commit together, so a redelivered command
 * is a no-op and a crash in between replays cleanly.
 */
@Component
class StockCommandListener implements EventSubscriber {

    static final String CONSUMER = "catalog.stock-commands";

    private final StockReservations stock;

    StockCommandListener(StockReservations stock) {
        this.stock = stock;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.STOCK_COMMANDS)
                // one consumer: a poll is one transaction (ADR 0019), and two such transactions locking
                // the stock rows of different orders in different orders would deadlock each other
                .concurrency("${shop.catalog.stock-commands.concurrency:1}")
                .on(ReserveStock.class, command -> stock.reserve(command.orderId(), command.lines()))
                .on(ReleaseStock.class, command -> stock.release(command.orderId(), command.reason()))
                .on(CommitStock.class, command -> stock.commit(command.orderId()))
                .on(RestockStock.class, command -> stock.restock(command.orderId(), command.lines(), command.reason()))
                .build());
    }
}
