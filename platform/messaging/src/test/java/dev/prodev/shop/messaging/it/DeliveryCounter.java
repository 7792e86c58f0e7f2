package dev.prodev.shop.messaging.it;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.stereotype.Component;

/** Counts every delivery attempt of a record (Boot puts a RecordInterceptor bean on its container factory). */
@Component
class DeliveryCounter implements RecordInterceptor<Object, Object> {

    private final ReservationListener listener;

    DeliveryCounter(ReservationListener listener) {
        this.listener = listener;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(
            ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        listener.delivered(String.valueOf(record.key()));
        return record;
    }
}
