package dev.prodev.shop.messaging.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * A record this service's consumers gave up on, as the admin endpoints show it.
 *
 * @param id stable id for redrive
 * @param consumerGroup the consumer group that failed
 * @param topic original topic
 * @param partition original partition
 * @param offset original offset
 * @param key record key (aggregate id)
 * @param eventId {@code ce_id}, when the record had one
 * @param eventType {@code ce_type}, when the record had one
 * @param exception class of the error that made it a dead letter
 * @param message the error's message
 * @param payload the record's value as text (as received)
 * @param deadLetteredAt when it was dead-lettered
 * @param redrivenAt when it was last redriven; {@code null} while open
 * @param redriveCount how often it was redriven
 */
public record DeadLetter(
        UUID id,
        String consumerGroup,
        String topic,
        int partition,
        long offset,
        String key,
        String eventId,
        String eventType,
        String exception,
        String message,
        String payload,
        Instant deadLetteredAt,
        Instant redrivenAt,
        int redriveCount) {}
