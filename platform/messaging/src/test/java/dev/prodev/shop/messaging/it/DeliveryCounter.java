package dev.prodev.shop.messaging.it;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.stereotype.Component;

/**
 * Counts every delivery attempt of a record (Boot puts the RecordInterceptor and BatchInterceptor
 * beans on its container factory; batch listeners see the latter, once per record of each poll).
 */
@Component
class DeliveryCounter implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

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

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        records.forEach(record -> listener.delivered(String.valueOf(record.key())));
        return records;
    }
}
