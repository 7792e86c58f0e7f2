package dev.prodev.shop.catalog.stock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives back stock whose order never confirmed nor released it (a lost saga, a crashed
 * order-service). ShedLock makes one replica at a time do it.
 */
@Component
class ReservationExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);
    private static final int BATCH = 200;

    private final StockReservations stock;

    ReservationExpiry(StockReservations stock) {
        this.stock = stock;
    }

    @Scheduled(fixedDelayString = "${shop.catalog.reservation-expiry-interval:PT30S}", initialDelayString = "PT10S")
    @SchedulerLock(name = "catalog.reservation-expiry", lockAtMostFor = "PT5M", lockAtLeastFor = "PT1S")
    void expire() {
        int total = 0;
        java.util.List<java.util.UUID> batch;
        do {
            batch = stock.expireDue(BATCH);
            total += batch.size();
        } while (batch.size() == BATCH);
        if (total > 0) {
            log.info("expired the stock reservations of {} order(s)", total);
        }
    }
}
