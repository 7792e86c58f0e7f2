package dev.prodev.shop.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.events.user.UserRegistered;
import dev.prodev.shop.notification.privacy.PersonalDataRetention;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #12 finding 9: personal data does not outlive its purpose. Erasure reaches the dead letters too,
 * and the retention job redacts sent emails and deletes old read notifications.
 */
@ShopIntegrationTest
class PersonalDataIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PersonalDataRetention retention;

    @Test
    void userDeletedRedactsTheDeadLetterPayloadsThatMentionTheirIdOrEmailAndKeepsTheRows() {
        var user = "ivy-" + UUID.randomUUID();
        var email = user + "@example.com";
        var events = new ShopEvents(kafka, json);
        events.publish(Topics.USERS, user, UserRegistered.TYPE, new UserRegistered(user, email, "Ivy"));
        await().atMost(PATIENCE)
                .until(
                        () -> jdbc.queryForObject("select count(*) from recipient where user_id = ?", Long.class, user),
                        n -> n == 1);
        var byId = deadLetter("{\"customerId\":\"" + user + "\"}");
        var byEmail = deadLetter("{\"orderId\":\"" + UUID.randomUUID() + "\",\"customerEmail\":\"" + email + "\"}");
        var someoneElse = deadLetter("{\"customerEmail\":\"someone-else@example.com\"}");

        events.publish(Topics.USERS, user, UserDeleted.TYPE, new UserDeleted(user));

        await().atMost(PATIENCE).until(() -> payload(byId) == null && payload(byEmail) == null);
        assertThat(jdbc.queryForObject(
                        "select count(*) from dead_letter where id in (?, ?)", Long.class, byId, byEmail))
                .as("the rows stay")
                .isEqualTo(2);
        assertThat(payload(someoneElse)).contains("someone-else@example.com");
    }

    @Test
    void retentionRedactsOldSentEmailsAndDeletesOldReadNotifications() {
        var user = "jan-" + UUID.randomUUID();
        var oldRead = notification(user, "200 days", "190 days");
        var recentRead = notification(user, "20 days", "10 days");
        var oldUnread = notification(user, "400 days", null);
        var oldSent = delivery(oldUnread, user, "SENT", "40 days");
        var recentSent = delivery(recentRead, user, "SENT", "2 days");
        var oldPending = delivery(oldUnread, user, "PENDING", "40 days");

        retention.apply();

        assertThat(jdbc.queryForList("select id from notification where recipient_id = ?", UUID.class, user))
                .containsExactlyInAnyOrder(recentRead, oldUnread);
        var redacted = jdbc.queryForMap(
                "select address, subject, text_body, html_body, redacted_at from delivery where id = ?", oldSent);
        assertThat(redacted.get("address")).isEqualTo("[redacted]");
        assertThat(redacted.get("subject")).isEqualTo("[redacted]");
        assertThat(redacted.get("text_body")).isEqualTo("");
        assertThat(redacted.get("html_body")).isEqualTo("");
        assertThat(redacted.get("redacted_at")).isNotNull();
        for (var kept : new UUID[] {recentSent, oldPending}) {
            assertThat(jdbc.queryForObject("select address from delivery where id = ?", String.class, kept))
                    .as("not yet due, or not yet sent")
                    .isEqualTo(user + "@example.com");
        }
    }

    private UUID notification(String user, String createdAgo, String readAgo) {
        var id = UUID.randomUUID();
        jdbc.update("""
                insert into notification (id, recipient_id, kind, subject, body, source_event_id, created_at, read_at)
                values (?, ?, 'WELCOME', 'Welcome, Jan', 'Hello Jan', ?, now() - ?::interval,
                        case when ?::text is null then null else now() - ?::interval end)""", id, user, id.toString(), createdAgo, readAgo, readAgo);
        return id;
    }

    private UUID delivery(UUID notification, String user, String status, String ago) {
        var id = UUID.randomUUID();
        jdbc.update("""
                insert into delivery (id, notification_id, recipient_id, channel, address, subject, text_body, html_body,
                                      status, attempts, next_attempt_at, created_at, sent_at)
                values (?, ?, ?, 'EMAIL', ?, 'Welcome, Jan', 'Hello Jan', '<p>Hello Jan</p>', ?, 1,
                        now() + interval '1 day', now() - ?::interval,
                        case when ? = 'SENT' then now() - ?::interval end)""", id, notification, user, user + "@example.com", status, ago, status, ago);
        return id;
    }

    private UUID deadLetter(String payload) {
        var id = UUID.randomUUID();
        jdbc.update(
                """
                insert into dead_letter (id, consumer_group, topic, partition, "offset", record_key, headers, payload,
                                         event_id, event_type, exception, message)
                values (?, 'personal-data-it', 'shop.orders', 0, ?, 'k', '[]'::jsonb, ?, ?, 'shop.order.placed.v1',
                        'java.lang.IllegalStateException', 'boom')""",
                id,
                Math.abs(id.getMostSignificantBits()),
                payload.getBytes(StandardCharsets.UTF_8),
                id.toString());
        return id;
    }

    private String payload(UUID id) {
        var bytes = jdbc.queryForObject("select payload from dead_letter where id = ?", byte[].class, id);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
