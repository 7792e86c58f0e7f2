package dev.prodev.shop.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.test.TestTokens;
import dev.prodev.shop.test.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ConsumerFailuresIT extends MessagingIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PATH = "/api/v1/it/admin/dead-letters";

    private ProducerRecord<String, byte[]> reserveStock(UUID orderId, UUID eventId) {
        var data = JSON.writeValueAsBytes(new ReserveStock(orderId, List.of(new StockLine(UUID.randomUUID(), 2))));
        return CloudEventRecords.create(
                Topics.STOCK_COMMANDS,
                orderId.toString(),
                eventId,
                ReserveStock.TYPE,
                "order-service",
                Instant.now(),
                data);
    }

    private int reservations(UUID orderId) {
        return jdbc.queryForObject("select count(*) from it_reservation where order_id = ?", Integer.class, orderId);
    }

    private int deliveries(UUID orderId) {
        return listener.deliveries(orderId.toString());
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() throws Exception {
        var orderId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        publisher.send(reserveStock(orderId, eventId)).get();
        publisher.send(reserveStock(orderId, eventId)).get();

        await().atMost(WAIT).until(() -> deliveries(orderId) == 2);
        // and it stays one while the second delivery's transaction finishes (it commits within ms)
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> reservations(orderId) == 1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from inbox where consumer = ? and event_id = ?",
                        Integer.class,
                        ReservationListener.CONSUMER,
                        eventId.toString()))
                .isEqualTo(1);
    }

    @Test
    void aMessageBreakingTheContractGoesToTheDeadLetterTopicWithoutRetries() {
        var orderId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        var poison = CloudEventRecords.create(
                Topics.STOCK_COMMANDS,
                orderId.toString(),
                eventId,
                ReserveStock.TYPE,
                "order-service",
                Instant.now(),
                "{\"orderId\":\"not-a-uuid\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8));
        publisher.send(poison).join();

        var dead = TopicReader.await(
                        bootstrapServers(),
                        Topics.deadLetter(Topics.STOCK_COMMANDS),
                        1,
                        r -> eventId.toString().equals(header(r, "ce_id")),
                        WAIT)
                .getFirst();
        assertThat(dead.key()).isEqualTo(orderId.toString());
        assertThat(header(dead, "ce_type")).as("original headers kept").isEqualTo(ReserveStock.TYPE);
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.STOCK_COMMANDS);
        assertThat(header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("does not match its schema");
        assertThat(deliveries(orderId)).as("poison is not retried").isEqualTo(1);
        assertThat(reservations(orderId)).isZero();
    }

    @Test
    void aRecordThatIsNotACloudEventGoesToTheDeadLetterTopic() {
        var key = UUID.randomUUID();
        publisher
                .send(new ProducerRecord<>(
                        Topics.STOCK_COMMANDS, key.toString(), "garbage".getBytes(StandardCharsets.UTF_8)))
                .join();

        TopicReader.await(
                bootstrapServers(),
                Topics.deadLetter(Topics.STOCK_COMMANDS),
                1,
                r -> key.toString().equals(r.key()),
                WAIT);
        assertThat(deliveries(key)).isEqualTo(1);
    }

    @Test
    void aFailingRecordIsRetriedBoundedThenDeadLetteredAndARedriveProcessesIt() throws Exception {
        var orderId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        listener.failFor(orderId);
        var openBefore = metric("shop_dead_letters");
        publisher.send(reserveStock(orderId, eventId)).join();

        TopicReader.await(
                bootstrapServers(),
                Topics.deadLetter(Topics.STOCK_COMMANDS),
                1,
                r -> eventId.toString().equals(header(r, "ce_id")),
                WAIT);
        assertThat(deliveries(orderId)).as("first delivery + 3 retries").isEqualTo(4);
        assertThat(reservations(orderId)).isZero();
        assertThat(metric("shop_dead_letters")).isEqualTo(openBefore + 1);

        var admin = TestTokens.bearer("admin", "admin", "customer");
        var list = http("GET", ADMIN_PATH + "?size=100", admin);
        assertThat(list.statusCode()).isEqualTo(200);
        var letters = JSON.readTree(list.body()).get("items");
        var letter = letters.valueStream()
                .filter(item -> eventId.toString().equals(item.get("eventId").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("dead letter not listed: " + list.body()));
        assertThat(letter.get("topic").asString()).isEqualTo(Topics.STOCK_COMMANDS);
        assertThat(letter.get("consumerGroup").asString()).isEqualTo("messaging-it");
        assertThat(letter.get("exception").asString()).isEqualTo(IllegalStateException.class.getName());
        var id = letter.get("id").asString();

        listener.recover(orderId); // the outage is over
        var redrive = http("POST", ADMIN_PATH + "/" + id + "/redrive", admin);
        assertThat(redrive.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(redrive.body()).get("redrivenAt").isNull()).isFalse();

        await().atMost(WAIT).until(() -> reservations(orderId) == 1);
        assertThat(jdbc.queryForObject("select event_id from it_reservation where order_id = ?", String.class, orderId))
                .as("the original event, same ce_id")
                .isEqualTo(eventId.toString());
        assertThat(metric("shop_dead_letters")).isEqualTo(openBefore);
        assertThat(http("POST", ADMIN_PATH + "/" + id + "/redrive", admin).statusCode())
                .as("only once")
                .isEqualTo(409);
        // applied in-process: the original topic still holds the one record the producer wrote
        assertThat(TopicReader.collect(
                        bootstrapServers(),
                        Topics.STOCK_COMMANDS,
                        r -> eventId.toString().equals(header(r, "ce_id")),
                        Duration.ofSeconds(2)))
                .as("redrive writes nothing to the topic it reads")
                .hasSize(1);
    }

    @Test
    void aRedriveThatFailsAgainLeavesTheLetterOpenAndAppliesNothing() throws Exception {
        var orderId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        listener.failFor(orderId);
        publisher.send(reserveStock(orderId, eventId)).join();
        var admin = TestTokens.bearer("admin", "admin");
        var id = await().atMost(WAIT)
                .until(
                        () -> jdbc.query(
                                "select id from dead_letter where event_id = ?",
                                (rs, n) -> rs.getString(1),
                                eventId.toString()),
                        ids -> !ids.isEmpty())
                .getFirst();

        var failed = http("POST", ADMIN_PATH + "/" + id + "/redrive", admin);
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(http("GET", ADMIN_PATH + "/" + id, admin).body())
                        .get("redrivenAt")
                        .isNull())
                .as("still open")
                .isTrue();
        assertThat(jdbc.queryForObject(
                        "select count(*) from inbox where consumer = ? and event_id = ?",
                        Integer.class,
                        ReservationListener.CONSUMER,
                        eventId.toString()))
                .as("no inbox row without the effect")
                .isZero();

        listener.recover(orderId);
        assertThat(http("POST", ADMIN_PATH + "/" + id + "/redrive", admin).statusCode())
                .isEqualTo(200);
        assertThat(reservations(orderId))
                .as("applied in the redrive's transaction")
                .isEqualTo(1);
    }

    @Test
    void anEventFromAServiceThatDoesNotOwnTheTopicIsDeadLetteredNotApplied() throws Exception {
        var forgedOrder = UUID.randomUUID();
        var forgedId = UUID.randomUUID();
        var genuineOrder = UUID.randomUUID();
        var genuineId = UUID.randomUUID();
        var rejectedBefore = rejected();
        publisher
                .send(paymentAuthorized(forgedOrder, forgedId, "notification-service"))
                .join();
        publisher
                .send(paymentAuthorized(genuineOrder, genuineId, "payment-service"))
                .join();

        await().atMost(WAIT).until(() -> reservations(genuineOrder) == 1);
        var dead = TopicReader.await(
                        bootstrapServers(),
                        Topics.deadLetter(Topics.PAYMENTS),
                        1,
                        r -> forgedId.toString().equals(header(r, "ce_id")),
                        WAIT)
                .getFirst();
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("notification-service");
        assertThat(deliveries(forgedOrder)).as("not retried").isEqualTo(1);
        assertThat(reservations(forgedOrder)).as("the forgery changed nothing").isZero();
        assertThat(jdbc.queryForObject(
                        "select exception from dead_letter where event_id = ?", String.class, forgedId.toString()))
                .endsWith("RejectedEventException");
        assertThat(rejected()).isEqualTo(rejectedBefore + 1);

        // and a redrive does not launder it
        var id =
                jdbc.queryForObject("select id from dead_letter where event_id = ?", String.class, forgedId.toString());
        assertThat(http("POST", ADMIN_PATH + "/" + id + "/redrive", TestTokens.bearer("admin", "admin"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(reservations(forgedOrder)).isZero();
    }

    private ProducerRecord<String, byte[]> paymentAuthorized(UUID orderId, UUID eventId, String source) {
        var data = JSON.writeValueAsBytes(
                new PaymentAuthorized(orderId, UUID.randomUUID(), Money.of("10.00", "ETB"), "simulator"));
        return CloudEventRecords.create(
                Topics.PAYMENTS, orderId.toString(), eventId, PaymentAuthorized.TYPE, source, Instant.now(), data);
    }

    private double rejected() throws Exception {
        var body = http("GET", "/actuator/prometheus", null).body();
        return body.lines()
                .filter(line -> line.startsWith("shop_messaging_events_rejected_total{")
                        && line.contains("reason=\"foreign-source\"")
                        && line.contains("topic=\"shop.payments\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void deadLetterAdminIsForAdminsOnlyAndAnswersBadInputWithProblems() throws Exception {
        var admin = TestTokens.bearer("admin", "admin");
        assertThat(http("GET", ADMIN_PATH, null).statusCode()).isEqualTo(401);
        var customer = http("GET", ADMIN_PATH, TestTokens.bearer("alice", "customer"));
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(customer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(http(
                                "POST",
                                ADMIN_PATH + "/" + UUID.randomUUID() + "/redrive",
                                TestTokens.bearer("alice", "customer"))
                        .statusCode())
                .isEqualTo(403);

        var unknown = http("POST", ADMIN_PATH + "/" + UUID.randomUUID() + "/redrive", admin);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(http("GET", ADMIN_PATH + "/not-a-uuid", admin).statusCode()).isEqualTo(400);
        assertThat(http("GET", ADMIN_PATH + "?status=lost", admin).statusCode()).isEqualTo(400);
        assertThat(http("GET", ADMIN_PATH + "?size=1000", admin).statusCode()).isEqualTo(400);
        var all = http("GET", ADMIN_PATH + "?status=all&size=5", admin);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(all.body()).get("size").asInt()).isEqualTo(5);
    }
}
