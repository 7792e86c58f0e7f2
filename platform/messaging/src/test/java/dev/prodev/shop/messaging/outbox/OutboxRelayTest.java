package dev.prodev.shop.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay's round arithmetic, without a database or a broker. */
class OutboxRelayTest {

    private final OutboxRelay relay = new OutboxRelay(
            mock(JdbcTemplate.class),
            mock(TransactionTemplate.class),
            mock(CloudEventPublisher.class),
            Tracer.NOOP,
            new ShopMessagingProperties.Outbox(
                    false,
                    Duration.ofMillis(200),
                    100,
                    Duration.ofSeconds(10),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(5),
                    16,
                    true,
                    10));

    @Test
    void retriesDoubleFromTheInitialIntervalUpToTheMaximum() {
        assertThat(relay.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(relay.backoff(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(relay.backoff(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(relay.backoff(10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRoundWithAFailureCountsItsUntriedRowsAsFailedSoTheLoopBacksOff() {
        assertThat(OutboxRelay.tally(10, 4, 1)).isEqualTo(new OutboxRelay.Round(10, 4, 6));
        assertThat(OutboxRelay.tally(10, 10, 0)).isEqualTo(new OutboxRelay.Round(10, 10, 0));
    }

    @Test
    void anIdleRelayWakesForTheNextRetryButNeverSpins() {
        var poll = Duration.ofMillis(200);
        assertThat(OutboxRelay.idleWait(poll, null)).isEqualTo(poll);
        assertThat(OutboxRelay.idleWait(poll, Duration.ofMillis(150))).isEqualTo(Duration.ofMillis(150));
        assertThat(OutboxRelay.idleWait(poll, Duration.ofMillis(-30))).isEqualTo(Duration.ofMillis(100));
        assertThat(OutboxRelay.idleWait(poll, Duration.ofSeconds(3))).isEqualTo(poll);
    }

    @Test
    void theStoredErrorIsTheRootCauseCutToFit() {
        var error = new RuntimeException("outer", new IllegalStateException("x".repeat(2000)));
        assertThat(OutboxRelay.describe(error))
                .startsWith("java.lang.IllegalStateException: xxx")
                .hasSize(1000);
    }
}
