package dev.prodev.shop.notification.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How emails leave ({@code shop.notifications.email.*}).
 *
 * @param from sender address
 * @param pollInterval how often the delivery job looks for due emails
 * @param batchSize how many due emails one replica claims per poll (and sends before claiming more)
 * @param connections SMTP connections one replica uses at once; the batch is split over them
 * @param lease how long a claimed email stays invisible to other replicas while being sent
 * @param initialBackoff wait after the first failed attempt; doubles with each further failure
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts attempts before the email is marked dead (a dead letter)
 */
@ConfigurationProperties("shop.notifications.email")
public record EmailProperties(
        @DefaultValue("ProDev Shop <no-reply@prodev.shop>") String from,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("4") int connections,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("12") int maxAttempts) {}
