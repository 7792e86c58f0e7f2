package dev.prodev.shop.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.events.order.OrderRefunded;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.RestockStock;
import dev.prodev.shop.events.stock.StockCommitFailed;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReleased;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.events.user.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class EventSchemasTest {

    /** What Boot 4 auto-configures by default: Jackson 3's JsonMapper. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID PRODUCT = UUID.randomUUID();
    private static final Money PRICE = Money.of("19.90", "ETB");

    /** One realistic instance per type, as a producer would build it. */
    static Stream<Arguments> producedEvents() {
        var lines = List.of(new OrderLine(PRODUCT, 2, PRICE));
        var stock = List.of(new StockLine(PRODUCT, 2));
        var product = new ProductChanged(PRODUCT, "MUG-1", "Mug", PRICE, ProductChanged.ACTIVE);
        return Stream.of(
                Arguments.of(
                        OrderPlaced.TYPE,
                        new OrderPlaced(ORDER, "alice-sub", "alice@example.com", lines, Money.of("39.80", "ETB"))),
                Arguments.of(OrderConfirmed.TYPE, new OrderConfirmed(ORDER, "alice-sub", "alice@example.com", PRICE)),
                Arguments.of(
                        OrderCancelled.TYPE,
                        new OrderCancelled(ORDER, "alice-sub", "alice@example.com", "Out of stock")),
                Arguments.of(ReserveStock.TYPE, new ReserveStock(ORDER, stock)),
                Arguments.of(ReleaseStock.TYPE, new ReleaseStock(ORDER, "payment failed")),
                Arguments.of(CommitStock.TYPE, new CommitStock(ORDER)),
                Arguments.of(RestockStock.TYPE, new RestockStock(ORDER, stock, "refund: damaged")),
                Arguments.of(
                        OrderRefunded.TYPE,
                        new OrderRefunded(ORDER, "alice-sub", "alice@example.com", PRICE, "refunded by an admin")),
                Arguments.of(StockReserved.TYPE, new StockReserved(ORDER, stock)),
                Arguments.of(StockRejected.TYPE, new StockRejected(ORDER, "insufficient stock", List.of(PRODUCT))),
                Arguments.of(
                        StockCommitFailed.TYPE,
                        new StockCommitFailed(ORDER, "reservation expired and the stock is sold", List.of(PRODUCT))),
                Arguments.of(StockReleased.TYPE, new StockReleased(ORDER)),
                Arguments.of(AuthorizePayment.TYPE, new AuthorizePayment(ORDER, "alice-sub", PRICE)),
                Arguments.of(RefundPayment.TYPE, new RefundPayment(ORDER, "customer request")),
                Arguments.of(
                        PaymentAuthorized.TYPE, new PaymentAuthorized(ORDER, UUID.randomUUID(), PRICE, "simulator")),
                Arguments.of(PaymentFailed.TYPE, new PaymentFailed(ORDER, "declined")),
                Arguments.of(PaymentRefunded.TYPE, new PaymentRefunded(ORDER, UUID.randomUUID(), PRICE)),
                Arguments.of(UserRegistered.TYPE, new UserRegistered("alice-sub", "alice@example.com", "Alice")),
                Arguments.of(UserDeleted.TYPE, new UserDeleted("alice-sub")),
                Arguments.of(ProductChanged.CREATED, product),
                Arguments.of(ProductChanged.UPDATED, product),
                Arguments.of(ProductChanged.PRICE_CHANGED, product),
                Arguments.of(
                        ProductChanged.DISCONTINUED,
                        new ProductChanged(PRODUCT, "MUG-1", "Mug", PRICE, ProductChanged.STATUS_DISCONTINUED)));
    }

    @Test
    void everyTypeHasASchemaWithAtLeastOneValidExample() {
        assertThat(EventTypes.ALL).hasSize(23);
        for (var type : EventTypes.ALL.keySet()) {
            var examples = EventSchemas.examples(type);
            assertThat(examples).as(type + " examples").isNotEmpty();
            for (var example : examples) {
                assertThat(EventSchemas.validate(type, example))
                        .as(type + " example")
                        .isEmpty();
            }
        }
    }

    @Test
    void anAuthorizationCarriesTheConfirmedAndTheRequestedAmount() {
        var underpaid = new PaymentAuthorized(
                ORDER, UUID.randomUUID(), Money.of("5.00", "ETB"), "chapa", Money.of("19.90", "ETB"));
        assertThat(EventSchemas.validate(PaymentAuthorized.TYPE, JSON.writeValueAsBytes(underpaid)))
                .isEmpty();
        assertThat(new PaymentAuthorized(ORDER, UUID.randomUUID(), PRICE, "simulator").requested())
                .isEqualTo(PRICE);
    }

    @Test
    void everyTypeIsCoveredByAProducedEvent() {
        assertThat(producedEvents().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("producedEvents")
    void recordsSerializedByJackson3MatchTheirSchema(String type, Record data) {
        assertThat(data).isInstanceOf(EventTypes.of(type).dataClass());
        assertThat(EventSchemas.validate(type, JSON.writeValueAsBytes(data))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("producedEvents")
    void schemaExamplesDeserializeIntoTheRecords(String type, Record ignored) {
        var dataClass = EventTypes.of(type).dataClass();
        for (var example : EventSchemas.examples(type)) {
            var data = JSON.readValue(example, dataClass);
            // round trip: what a consumer parsed, a producer could have written
            assertThat(EventSchemas.validate(type, JSON.writeValueAsBytes(data)))
                    .isEmpty();
        }
    }

    @Test
    void missingRequiredFieldIsReported() {
        var json = JSON.writeValueAsBytes(Map.of("orderId", ORDER.toString()));
        assertThat(EventSchemas.validate(OrderCancelled.TYPE, json))
                .anySatisfy(error -> assertThat(error).contains("reason"));
    }

    @Test
    void wrongFormatsAndUnknownFieldsAreReported() {
        var badUuid = "{\"orderId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(CommitStock.TYPE, badUuid)).isNotEmpty();
        var money = JSON.writeValueAsBytes(new AuthorizePayment(ORDER, "alice-sub", new Money(PRICE.amount(), "birr")));
        assertThat(EventSchemas.validate(AuthorizePayment.TYPE, money)).isNotEmpty();
        var extra = "{\"orderId\":\"%s\",\"surprise\":1}".formatted(ORDER).getBytes(StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(CommitStock.TYPE, extra))
                .anySatisfy(error -> assertThat(error).contains("surprise"));
    }

    @Test
    void eachErrorSaysWhereInTheDataItIsOnce() {
        var badUuid = "{\"orderId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(CommitStock.TYPE, badUuid))
                .singleElement()
                .asString()
                .startsWith("$.orderId: ")
                .containsOnlyOnce("$.orderId")
                .contains("uuid");
        var badLine = JSON.writeValueAsBytes(Map.of(
                "orderId", ORDER.toString(), "lines", List.of(Map.of("productId", PRODUCT.toString(), "quantity", 0))));
        assertThat(EventSchemas.validate(ReserveStock.TYPE, badLine))
                .anySatisfy(error -> assertThat(error).startsWith("$.lines[0].quantity: "));
    }

    @Test
    void notJsonAndUnknownTypesAreErrorsNotExceptions() {
        assertThat(EventSchemas.validate(CommitStock.TYPE, "{oops".getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .asString()
                .startsWith("not JSON");
        assertThat(EventSchemas.validate("shop.nothing.v1", "{}".getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .asString()
                .contains("unknown event type");
    }

    @Test
    void requireValidThrowsANonRetryableInvalidEventException() {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidEventException.class,
                () -> EventSchemas.requireValid(CommitStock.TYPE, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(thrown.type()).isEqualTo(CommitStock.TYPE);
        assertThat(thrown.errors()).isNotEmpty();
    }

    @Test
    void anErasedCustomersOrderEventsStillValidate() {
        var erased = JSON.writeValueAsBytes(new OrderCancelled(ORDER, "deleted-user", null, "Account deleted"));
        assertThat(EventSchemas.validate(OrderCancelled.TYPE, erased)).isEmpty();
    }

    @Test
    void dataschemaIsTheSchemaId() {
        assertThat(EventSchemas.dataschema(OrderPlaced.TYPE))
                .hasToString("https://schemas.prodev.shop/events/shop.order.placed.v1.json");
    }

    @Test
    void topicsListTheContractPartitionsAndDeadLetterNames() {
        assertThat(Topics.ALL)
                .containsOnlyKeys(
                        Topics.ORDERS,
                        Topics.PAYMENTS,
                        Topics.STOCK,
                        Topics.PRODUCTS,
                        Topics.USERS,
                        Topics.STOCK_COMMANDS,
                        Topics.PAYMENT_COMMANDS)
                .allSatisfy((topic, partitions) -> assertThat(partitions).isEqualTo(3));
        assertThat(Topics.deadLetter(Topics.ORDERS)).isEqualTo("shop.orders.dlt");
        assertThat(EventTypes.ALL.values())
                .allSatisfy(definition -> assertThat(Topics.ALL).containsKey(definition.topic()));
    }

    /** Every example with an unknown field added to every object in it, as a newer producer would send it. */
    static Stream<Arguments> examplesWithAnAddedField() {
        return EventTypes.ALL.keySet().stream()
                .map(type -> Arguments.of(
                        type,
                        withAddedField(JSON.readTree(EventSchemas.examples(type).getFirst()))));
    }

    static byte[] withAddedField(tools.jackson.databind.JsonNode example) {
        addField(example);
        return JSON.writeValueAsBytes(example);
    }

    private static void addField(tools.jackson.databind.JsonNode node) {
        for (var child : node) {
            addField(child);
        }
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            object.put("addedInARollingDeploy", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesWithAnAddedField")
    void producersAreStrictButConsumersTolerateAnAddedField(String type, byte[] json) {
        assertThat(EventSchemas.validate(type, json)).isNotEmpty().allMatch(e -> e.contains("addedInARollingDeploy"));
        assertThat(EventSchemas.validateIncoming(type, json)).isEmpty();
    }

    @Test
    void consumersStillRefuseWhatBreaksTheContractOtherwise() {
        var json = ("{\"orderId\":\"nope\",\"extra\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(EventSchemas.validateIncoming(ReleaseStock.TYPE, json))
                .anyMatch(e -> e.contains("orderId"))
                .anyMatch(e -> e.contains("reason"))
                .noneMatch(e -> e.contains("extra"));
    }
}
