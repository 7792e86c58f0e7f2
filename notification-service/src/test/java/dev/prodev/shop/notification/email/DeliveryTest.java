package dev.prodev.shop.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    static final EmailProperties POLICY = new EmailProperties(
            "shop@example.com",
            Duration.ofSeconds(1),
            20,
            4,
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            4);
    static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");

    Delivery delivery() {
        return Delivery.email(
                UUID.randomUUID(),
                "alice",
                "alice@example.com",
                "s",
                "t",
                "<p>h</p>",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                NOW);
    }

    @Test
    void aFailedAttemptIsRetriedLaterWithExponentialBackoffCappedAtTheMaximum() {
        assertThat(Delivery.backoff(1, POLICY)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Delivery.backoff(2, POLICY)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Delivery.backoff(4, POLICY)).isEqualTo(Duration.ofSeconds(40));
        assertThat(Delivery.backoff(5, POLICY)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Delivery.backoff(500, POLICY)).isEqualTo(Duration.ofMinutes(1));

        var delivery = delivery();
        assertThat(delivery.failed("connection refused", NOW, POLICY)).isFalse();
        assertThat(delivery.getStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.getAttempts()).isEqualTo(1);
        assertThat(delivery.getNextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(delivery.getLastError()).isEqualTo("connection refused");
    }

    @Test
    void theLastFailedAttemptMakesTheDeliveryDeadAndARedriveQueuesItAgain() {
        var delivery = delivery();
        for (var attempt = 1; attempt < POLICY.maxAttempts(); attempt++) {
            assertThat(delivery.failed("down", NOW, POLICY))
                    .as("attempt " + attempt)
                    .isFalse();
        }
        assertThat(delivery.failed("down", NOW, POLICY)).isTrue();
        assertThat(delivery.getStatus()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(delivery.getAttempts()).isEqualTo(4);

        var later = NOW.plusSeconds(3600);
        delivery.redrive(later);
        assertThat(delivery.getStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.getAttempts()).isZero();
        assertThat(delivery.getNextAttemptAt()).isEqualTo(later);
        assertThatThrownBy(() -> delivery.redrive(later)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSuccessfulAttemptIsCountedAndClearsTheError() {
        var delivery = delivery();
        delivery.failed("down", NOW, POLICY);
        delivery.sent(NOW.plusSeconds(6));
        assertThat(delivery.getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(delivery.getAttempts()).isEqualTo(2);
        assertThat(delivery.getSentAt()).isEqualTo(NOW.plusSeconds(6));
        assertThat(delivery.getLastError()).isNull();
    }
}
