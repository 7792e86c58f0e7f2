package dev.prodev.shop.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.messaging.ops.MessagingCleanup;
import dev.prodev.shop.test.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #12 finding 9: dead-letter payloads keep names and email addresses. They are redacted on erasure
 * (by subject) and after {@code shop.retention.dead-letter-payloads}; the row (what failed, where, why) stays.
 */
class DeadLetterRedactionIT extends MessagingIntegrationTest {

    private static final String ADMIN_PATH = "/api/v1/it/admin/dead-letters";

    @Autowired
    DeadLetterStore store;

    @Autowired
    MessagingCleanup cleanup;

    private UUID deadLetter(String payload, String message, String age) {
        var id = UUID.randomUUID();
        jdbc.update(
                """
                insert into dead_letter (id, consumer_group, topic, partition, "offset", record_key, headers, payload,
                                         event_id, event_type, exception, message, dead_lettered_at)
                values (?, 'redaction-it', 'shop.orders', 0, ?, 'order-1', '[]'::jsonb, ?, ?, 'shop.order.placed.v1',
                        'java.lang.IllegalStateException', ?, now() - ?::interval)""",
                id,
                Math.abs(id.getMostSignificantBits()),
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8),
                id.toString(),
                message,
                age);
        return id;
    }

    private String payload(UUID id) {
        var bytes = jdbc.queryForObject("select payload from dead_letter where id = ?", byte[].class, id);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void erasureRedactsThePayloadsAndMessagesThatMentionTheSubjectAndKeepsTheRows() throws Exception {
        var customer = "kc-" + UUID.randomUUID();
        var email = "abebe." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var byId = deadLetter("{\"customerId\":\"" + customer + "\",\"total\":\"10.00\"}", "boom", "1 hour");
        var byEmail = deadLetter("{\"customerEmail\":\"" + email + "\"}", "boom", "1 hour");
        var inMessage = deadLetter("{\"orderId\":\"x\"}", "no recipient " + email.toUpperCase(), "1 hour");
        var someoneElse = deadLetter("{\"customerEmail\":\"someone@example.com\"}", "boom", "1 hour");

        var redacted = store.redactPayloadsMentioning(customer, email.toUpperCase(), "", null, " ");

        assertThat(redacted).isEqualTo(3);
        for (var id : new UUID[] {byId, byEmail, inMessage}) {
            assertThat(payload(id)).as("payload").isNull();
            var row = store.find(id).orElseThrow();
            assertThat(row.message()).isNull();
            assertThat(row.eventType()).as("the metadata stays").isEqualTo("shop.order.placed.v1");
            assertThat(row.exception()).isEqualTo("java.lang.IllegalStateException");
        }
        assertThat(payload(someoneElse)).contains("someone@example.com");
        assertThat(store.find(someoneElse).orElseThrow().message()).isEqualTo("boom");

        var redrive = http("POST", ADMIN_PATH + "/" + byEmail + "/redrive", TestTokens.bearer("admin", "admin"));
        assertThat(redrive.statusCode()).as("nothing left to redrive").isEqualTo(409);
        assertThat(redrive.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aPageBeyondTheSharedPagingWindowIsAValidationProblem() throws Exception {
        var admin = TestTokens.bearer("admin", "admin");

        var deep = http("GET", ADMIN_PATH + "?page=2147483647&size=100", admin);
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(deep.body()).contains("\"field\":\"page\"");

        assertThat(http("GET", ADMIN_PATH + "?page=100&size=100", admin).statusCode())
                .as("offset 10 000 is inside")
                .isEqualTo(200);
    }

    @Test
    void blankOrTinySubjectsRedactNothing() {
        var id = deadLetter("{\"customerEmail\":\"kept@example.com\"}", "boom", "1 hour");

        assertThat(store.redactPayloadsMentioning("", " ", null, "e")).isZero();

        assertThat(payload(id)).contains("kept@example.com");
    }

    @Test
    void theCleanupRedactsPayloadsPastTheirRetentionAndKeepsTheRowsAndRecentPayloads() {
        assertThat(cleanup.deadLetterPayloadRetention()).hasDays(30);
        var old = deadLetter("{\"customerEmail\":\"old@example.com\"}", "boom", "31 days");
        var recent = deadLetter("{\"customerEmail\":\"recent@example.com\"}", "boom", "29 days");

        var result = cleanup.runOnce();

        assertThat(result).isNotNull();
        assertThat(result.deadLetterPayloads()).isGreaterThanOrEqualTo(1);
        assertThat(payload(old)).isNull();
        assertThat(store.find(old)).as("the row stays").isPresent();
        assertThat(jdbc.queryForObject(
                        "select payload_redacted_at is not null from dead_letter where id = ?", Boolean.class, old))
                .isTrue();
        assertThat(payload(recent)).contains("recent@example.com");
    }
}
