package dev.prodev.shop.messaging.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.prodev.shop.messaging.ShopMessagingProperties;
import java.time.Duration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

class MessagingCleanupTest {

    private final MessagingCleanup cleanup = new MessagingCleanup(
            mock(JdbcTemplate.class),
            mock(LockProvider.class),
            new ShopMessagingProperties.Cleanup(Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(30)));

    @Test
    void deadLetterPayloadsAreKeptThirtyDaysByDefault() {
        cleanup.setEnvironment(new MockEnvironment());

        assertThat(cleanup.deadLetterPayloadRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void theDeadLetterPayloadRetentionComesFromShopRetention() {
        cleanup.setEnvironment(new MockEnvironment().withProperty("shop.retention.dead-letter-payloads", "7d"));

        assertThat(cleanup.deadLetterPayloadRetention()).isEqualTo(Duration.ofDays(7));
    }
}
