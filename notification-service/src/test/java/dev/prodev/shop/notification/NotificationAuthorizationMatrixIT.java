package dev.prodev.shop.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.user.UserRegistered;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.test.MatrixCaller;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every notification-service endpoint × {anonymous, alice, bob (another customer), admin, sre},
 * with real signed tokens, as the service itself decides (defence in depth: the gateway decides
 * first). Any signed-in user has their own notifications and stream; a notification is its
 * recipient's only (everyone else gets 404, never 403, so ids cannot be probed; an admin too:
 * marking read is the recipient's act); dead emails and dead letters are for admins only.
 */
@ShopIntegrationTest
class NotificationAuthorizationMatrixIT {

    static final String STREAM = "/api/v1/notifications/stream";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One request and the status each caller must get; {@code order} is the order the callers make
     * it in, so that a mutating row's statuses mean what they say.
     */
    record Row(
            String method,
            String path,
            String lastEventId,
            List<MatrixCaller> order,
            int anonymous,
            int alice,
            int bob,
            int admin,
            int sre) {

        Row(String method, String path, int anonymous, int alice, int bob, int admin, int sre) {
            this(method, path, null, List.of(MatrixCaller.values()), anonymous, alice, bob, admin, sre);
        }

        Row withLastEventId(String id) {
            return new Row(method, path, id, order, anonymous, alice, bob, admin, sre);
        }

        Row inOrder(MatrixCaller... callers) {
            return new Row(method, path, lastEventId, List.of(callers), anonymous, alice, bob, admin, sre);
        }

        int expected(MatrixCaller caller) {
            return caller.pick(anonymous, alice, bob, admin, sre);
        }
    }

    /** What a call answered: status, Content-Type and (not for an open stream) the body. */
    record Answer(int status, String contentType, String body) {}

    @Value("${local.server.port}")
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeadLetterStore deadLetters;

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var alice = MatrixCaller.ALICE.subject(run);
        var tokens = MatrixCaller.tokens(run);

        // alice's notification, from the event that makes one in the shop; its email is sent, then
        // declared dead (as after its last failed attempt) so that an admin has one to redrive
        var orderId = UUID.randomUUID();
        new ShopEvents(kafka, json)
                .publish(
                        Topics.ORDERS,
                        orderId.toString(),
                        OrderConfirmed.TYPE,
                        new OrderConfirmed(orderId, alice, alice + "@example.com", Money.of("7.00", "EUR")));
        var notification = await().atMost(PATIENCE)
                .until(
                        () -> jdbc.queryForList(
                                "select id from notification where recipient_id = ?", UUID.class, alice),
                        ids -> ids.size() == 1)
                .getFirst();
        var delivery = await().atMost(PATIENCE)
                .until(
                        () -> jdbc.queryForList(
                                "select id from delivery where notification_id = ? and status = 'SENT'",
                                UUID.class,
                                notification),
                        ids -> ids.size() == 1)
                .getFirst();
        jdbc.update(
                "update delivery set status = 'DEAD', last_error = 'matrix test: mailbox unavailable' where id = ?",
                delivery);
        var alicesNotification = "/api/v1/notifications/" + notification;
        var deadLetter = "/api/v1/notifications/admin/dead-letters/" + deadLetter();

        var rows = List.of(
                new Row("GET", "/api/v1/notifications", 401, 200, 200, 200, 200),
                // alice goes last on her own notification, so the 404s of the others are about ownership
                new Row("POST", alicesNotification + "/read", 401, 200, 404, 404, 404)
                        .inOrder(
                                MatrixCaller.ANONYMOUS,
                                MatrixCaller.BOB,
                                MatrixCaller.ADMIN,
                                MatrixCaller.SRE,
                                MatrixCaller.ALICE),
                new Row("POST", "/api/v1/notifications/" + UUID.randomUUID() + "/read", 401, 404, 404, 404, 404),
                new Row("GET", STREAM, 401, 200, 200, 200, 200),
                new Row("GET", STREAM, 401, 400, 400, 400, 400).withLastEventId("not-an-id"),
                new Row("GET", "/api/v1/notifications/admin/deliveries", 401, 403, 403, 200, 403),
                new Row(
                        "POST",
                        "/api/v1/notifications/admin/deliveries/" + delivery + "/redrive",
                        401,
                        403,
                        403,
                        200,
                        403),
                new Row("GET", "/api/v1/notifications/admin/dead-letters", 401, 403, 403, 200, 403),
                new Row("GET", deadLetter, 401, 403, 403, 200, 403),
                new Row("POST", deadLetter + "/redrive", 401, 403, 403, 200, 403));

        var mismatches = new ArrayList<String>();
        for (var row : rows) {
            for (var caller : row.order()) {
                var answer = call(row, tokens.get(caller));
                var cell = row.method() + " " + row.path() + (row.lastEventId() == null ? "" : " after an invalid id")
                        + " as " + caller;
                if (answer.status() != row.expected(caller)) {
                    mismatches.add(cell + ": expected " + row.expected(caller) + ", got " + answer.status() + " "
                            + answer.body());
                }
                if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                    mismatches.add(cell + ": not problem+json");
                }
                if (row.path().equals(STREAM)
                        && answer.status() == 200
                        && !answer.contentType().startsWith("text/event-stream")) {
                    mismatches.add(cell + ": not an event stream but " + answer.contentType());
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select read_at is not null from notification where id = ?", Boolean.class, notification))
                .as("alice's notification is read")
                .isTrue();
    }

    /**
     * A dead letter as the recoverer records it (a user registration notification-service could
     * not process), so its redrive republishes a harmless, valid event; returns its id.
     */
    private UUID deadLetter() {
        var user = "matrix-dead-letter-" + UUID.randomUUID();
        var eventId = UUID.randomUUID();
        var produced = CloudEventRecords.create(
                Topics.USERS,
                user,
                eventId,
                UserRegistered.TYPE,
                "user-service",
                Instant.now(),
                json.writeValueAsBytes(new UserRegistered(user, "nobody@example.com", "Nobody")));
        var consumed = new ConsumerRecord<>(
                Topics.USERS,
                0,
                ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
                produced.key(),
                produced.value());
        produced.headers().forEach(header -> consumed.headers().add(header));
        deadLetters.record("notification-service", consumed, new IllegalStateException("matrix test"));
        return jdbc.queryForObject("select id from dead_letter where event_id = ?", UUID.class, eventId.toString());
    }

    /**
     * Calls the endpoint; the live stream is read only up to its response headers and then closed,
     * as it never ends by itself.
     */
    private Answer call(Row row, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + row.path()))
                .timeout(Duration.ofSeconds(20))
                .method(row.method(), HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", token);
        }
        if (!row.path().equals(STREAM)) {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), contentType(response), response.body());
        }
        request.header("Accept", "text/event-stream");
        if (row.lastEventId() != null) {
            request.header("Last-Event-ID", row.lastEventId());
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var body = response.body()) {
            var text = response.statusCode() == 200
                    ? "(stream)"
                    : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), contentType(response), text);
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
