package dev.prodev.shop.messaging.outbox;

import java.time.Instant;
import java.util.UUID;

/** One unpublished outbox row as the relay reads it: everything needed to rebuild its CloudEvent. */
record OutboxRow(
        UUID id,
        String topic,
        String key,
        String type,
        byte[] payload,
        String traceparent,
        Instant occurredAt,
        int attempts) {

    /** The per-key ordering unit: rows of one (topic, key) are published one after the other. */
    String chain() {
        return topic + '\u0000' + key;
    }
}
