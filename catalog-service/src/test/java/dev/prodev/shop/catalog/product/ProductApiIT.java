package dev.prodev.shop.catalog.product;

import static dev.prodev.shop.catalog.CatalogFixtures.ADMIN;
import static dev.prodev.shop.catalog.CatalogFixtures.CUSTOMER;
import static dev.prodev.shop.catalog.CatalogFixtures.product;
import static dev.prodev.shop.catalog.CatalogFixtures.unique;
import static dev.prodev.shop.catalog.CatalogHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.catalog.CatalogFixtures;
import dev.prodev.shop.catalog.CatalogHttp;
import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.test.ShopIntegrationTest;
import dev.prodev.shop.test.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The product REST API over real HTTP, PostgreSQL, Redis and Kafka, with real signed tokens. */
@ShopIntegrationTest
class ProductApiIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    JdbcTemplate jdbc;

    CatalogHttp http;
    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port);
        fixtures = new CatalogFixtures(http);
    }

    private static List<String> skus(JsonNode page) {
        var result = new ArrayList<String>();
        page.get("items").forEach(item -> result.add(item.get("sku").asString()));
        return result;
    }

    @Test
    void filtersByCategoryIncludingSubcategoriesPriceStatusAndStock() {
        var root = fixtures.category(unique("tools"), "Tools", null);
        var child = fixtures.category(unique("saws"), "Saws", root);
        var grandchild = fixtures.category(unique("jigsaws"), "Jigsaws", child);
        var elsewhere = fixtures.category(unique("garden"), "Garden", null);
        var hammer = unique("HAM");
        var saw = unique("SAW");
        var jigsaw = unique("JIG");
        var empty = unique("EMPTY");
        var rake = unique("RAKE");
        fixtures.createProduct(hammer, "Claw hammer", "Steel", root, "350.00", 5);
        fixtures.createProduct(saw, "Hand saw", "Wood saw", child, "900.00", 3);
        fixtures.createProduct(jigsaw, "Cordless jigsaw", "Battery", grandchild, "4500.00", 2);
        var emptyId = fixtures.createProduct(empty, "Coping saw", "Out of stock", grandchild, "120.00", 0);
        fixtures.createProduct(rake, "Leaf rake", "Garden", elsewhere, "400.00", 9);

        var all = json(http.get("/api/v1/products?size=100&sort=price,asc&category=" + root));
        assertThat(skus(all)).containsExactly(empty, hammer, saw, jigsaw);
        assertThat(all.get("totalItems").asInt()).isEqualTo(4);

        assertThat(skus(json(http.get("/api/v1/products?sort=price&category=" + child))))
                .containsExactly(empty, saw, jigsaw);
        assertThat(skus(json(http.get("/api/v1/products?sort=price&minPrice=300&maxPrice=1000&category=" + root))))
                .containsExactly(hammer, saw);
        assertThat(skus(json(http.get("/api/v1/products?sort=price&inStock=true&category=" + root))))
                .containsExactly(hammer, saw, jigsaw);
        assertThat(skus(json(http.get("/api/v1/products?inStock=false&category=" + root))))
                .containsExactly(empty);

        assertThat(http.post("/api/v1/products/" + emptyId + "/discontinue", null, "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(skus(json(http.get("/api/v1/products?status=DISCONTINUED&category=" + root))))
                .containsExactly(empty);
        assertThat(skus(json(http.get("/api/v1/products?sort=name,desc&status=ACTIVE&category=" + root))))
                .containsExactly(saw, jigsaw, hammer);
    }

    @Test
    void pagesAreBoundedAndCountTheWholeResult() {
        var category = fixtures.category(unique("paging"), "Paging", null);
        for (int i = 0; i < 5; i++) {
            fixtures.createProduct(unique("PG" + i), "Paged item " + i, "", category, "1" + i + ".00", 1);
        }
        var second = json(http.get("/api/v1/products?page=1&size=2&sort=price&category=" + category));
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("items").get(0).get("price").get("amount").decimalValue())
                .isEqualByComparingTo("12.00");
        assertThat(second.get("totalItems").asInt()).isEqualTo(5);
        assertThat(second.get("totalPages").asInt()).isEqualTo(3);

        var tooBig = http.get("/api/v1/products?size=101");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(tooBig.body()).contains("size");
        assertThat(http.get("/api/v1/products?page=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void offsetsBeyondTenThousandAreRefusedAndTheAfterCursorWalksTheWholeListing() {
        assertThat(http.get("/api/v1/products?page=100&size=100").statusCode()).isEqualTo(200);
        var beyond = http.get("/api/v1/products?page=101&size=100");
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(beyond.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(beyond).get("detail").asString()).contains("10000").contains("after");
        assertThat(json(beyond).get("errors").get(0).get("field").asString()).isEqualTo("page");
        assertThat(http.get("/api/v1/products?page=10000&size=100").statusCode())
                .isEqualTo(400);

        var category = fixtures.category(unique("cursor"), "Cursor", null);
        var newestFirst = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var sku = unique("CU" + i);
            fixtures.createProduct(sku, "Cursor item " + i, "", category, "3.00", 1);
            newestFirst.add(0, sku);
        }
        var walked = new ArrayList<String>();
        var page = json(http.get("/api/v1/products?size=2&category=" + category));
        walked.addAll(skus(page));
        while (!page.get("nextCursor").isNull() && walked.size() < 10) {
            page = json(http.get("/api/v1/products?size=2&category=" + category + "&after="
                    + page.get("nextCursor").asString()));
            assertThat(page.get("totalItems").asInt())
                    .as("the count is the whole result")
                    .isEqualTo(5);
            walked.addAll(skus(page));
        }
        assertThat(walked).containsExactlyElementsOf(newestFirst);

        assertThat(http.get("/api/v1/products?after=not-a-cursor").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/products?sort=price&after="
                                + new ProductCursor(java.time.Instant.now(), UUID.randomUUID()).encode())
                        .statusCode())
                .as("a cursor continues the newest-first order only")
                .isEqualTo(400);
        assertThat(http.get("/api/v1/products?q=" + "a".repeat(201)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void refusesSortFieldsOutsideTheWhitelistAndMalformedFilters() {
        var injected = http.get("/api/v1/products?sort=name;drop%20table%20product");
        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(injected.body()).contains("sort").doesNotContain("Exception");
        assertThat(http.get("/api/v1/products?sort=description").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/products?sort=price,sideways").statusCode())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/products?sort=relevance").statusCode())
                .as("relevance without q")
                .isEqualTo(400);
        assertThat(http.get("/api/v1/products?status=SOLD").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/products?category=not-a-uuid").statusCode())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/products?minPrice=10&maxPrice=5").statusCode())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/products?minPrice=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void fullTextSearchFindsWordsInNameDescriptionAndSkuAndRanksNameMatchesFirst() {
        var word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var inName = unique("TXT");
        var inDescription = unique("TXT");
        var unrelated = unique("TXT");
        fixtures.createProduct(
                inDescription, "Plain mug", "A mug that goes well with " + word + " coffee", null, "10.00", 1);
        fixtures.createProduct(inName, "The " + word + " kettle", "Boils water", null, "20.00", 1);
        fixtures.createProduct(unrelated, "Teapot", "Nothing special", null, "30.00", 1);

        var found = json(http.get("/api/v1/products?q=" + word));
        assertThat(skus(found)).containsExactly(inName, inDescription);

        var bySku = json(http.get("/api/v1/products?q=" + inName.toLowerCase()));
        assertThat(skus(bySku)).contains(inName).doesNotContain(unrelated);

        // stemming: "kettles" finds "kettle"; both words must match
        assertThat(skus(json(http.get("/api/v1/products?q=" + word + "%20kettles"))))
                .containsExactly(inName);
    }

    @Test
    void answersNotModifiedForAMatchingETagAndTheNewRepresentationAfterAnUpdate() {
        var sku = unique("ETAG");
        var created = fixtures.create(product(sku, "ETag lamp", "", null, "100.00", 3));
        var id = created.get("id").asString();

        var first = http.get("/api/v1/products/" + id);
        assertThat(first.statusCode()).isEqualTo(200);
        var etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"0\"");
        assertThat(first.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(cc -> assertThat(cc).contains("max-age"));

        var notModified = http.get("/api/v1/products/" + id, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(http.get("/api/v1/products/sku/" + sku, "If-None-Match", "W/" + etag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(http.get("/api/v1/products/" + id, "If-None-Match", "\"41\"").statusCode())
                .isEqualTo(200);

        var update = product(sku, "ETag lamp, brighter", "", null, "100.00", 0);
        var updated = http.put("/api/v1/products/" + id, update, "Authorization", ADMIN, "If-Match", etag);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"1\"");

        // the cached representation was evicted: the old ETag no longer matches, the new name is served
        var after = http.get("/api/v1/products/" + id, "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("name").asString()).isEqualTo("ETag lamp, brighter");
        assertThat(json(http.get("/api/v1/products/sku/" + sku)).get("version").asInt())
                .isEqualTo(1);
    }

    @Test
    void optimisticLockingRefusesStaleAndMissingIfMatch() {
        var sku = unique("LOCK");
        var id = fixtures.create(product(sku, "Locked chair", "", null, "500.00", 1))
                .get("id")
                .asString();
        var change = product(sku, "Locked chair v2", "", null, "500.00", 0);

        var missing = http.put("/api/v1/products/" + id, change, "Authorization", ADMIN);
        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(http.put("/api/v1/products/" + id, change, "Authorization", ADMIN, "If-Match", "\"0\"")
                        .statusCode())
                .isEqualTo(200);
        var stale = http.put(
                "/api/v1/products/" + id,
                product(sku, "Lost update", "", null, "1.00", 0),
                "Authorization",
                ADMIN,
                "If-Match",
                "\"0\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(http.get("/api/v1/products/" + id)).get("name").asString())
                .isEqualTo("Locked chair v2");
    }

    @Test
    void writesAreForAdminsOnly() {
        var sku = unique("SEC");
        var body = product(sku, "Secured", "", null, "1.00", 1);
        var anonymous = http.post("/api/v1/products", body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var customer = http.post("/api/v1/products", body, "Authorization", CUSTOMER);
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(customer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(jdbc.queryForObject("select count(*) from product where sku = ?", Integer.class, sku))
                .isZero();

        var id = fixtures.create(body).get("id").asString();
        assertThat(http.put("/api/v1/products/" + id, body, "Authorization", CUSTOMER, "If-Match", "\"0\"")
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/products/" + id + "/discontinue", null).statusCode())
                .isEqualTo(401);
        assertThat(http.post("/api/v1/products/" + id + "/discontinue", null, "Authorization", CUSTOMER)
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.post(
                                "/api/v1/products/" + id + "/stock/adjustments",
                                Map.of("delta", 5, "reason", "x"),
                                "Authorization",
                                CUSTOMER)
                        .statusCode())
                .isEqualTo(403);
        // reads stay public
        assertThat(http.get("/api/v1/products/" + id).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/products/" + id, "Authorization", CUSTOMER).statusCode())
                .isEqualTo(200);
    }

    @Test
    void badInputIsAProblemWithFieldErrorsUnknownIsNotFoundDuplicateSkuIsConflict() {
        var invalid = http.post(
                "/api/v1/products",
                Map.of("sku", "bad sku!", "name", "", "price", Map.of("amount", "-1", "currency", "euro")),
                "Authorization",
                ADMIN);
        assertThat(invalid.statusCode()).isEqualTo(400);
        var fields = new ArrayList<String>();
        json(invalid)
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains("sku", "name", "price.amount", "price.currency");

        assertThat(http.post("/api/v1/products", "{not json", "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(400);
        var unknown = http.get("/api/v1/products/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(http.get("/api/v1/products/sku/NOPE-" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);

        var sku = unique("DUP");
        fixtures.create(product(sku, "First", "", null, "1.00", 1));
        var duplicate =
                http.post("/api/v1/products", product(sku, "Second", "", null, "2.00", 1), "Authorization", ADMIN);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(http.post(
                                "/api/v1/products",
                                product(unique("CAT"), "No such category", "", UUID.randomUUID(), "2.00", 1),
                                "Authorization",
                                ADMIN)
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void everyChangePublishesAProductChangedEventThatMatchesItsSchema() {
        var sku = unique("EVT");
        var id = fixtures.create(product(sku, "Evented", "", null, "10.00", 1))
                .get("id")
                .asString();
        assertThat(http.put(
                                "/api/v1/products/" + id,
                                product(sku, "Evented, renamed", "", null, "10.00", 0),
                                "Authorization",
                                ADMIN,
                                "If-Match",
                                "\"0\"")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.put(
                                "/api/v1/products/" + id,
                                product(sku, "Evented, renamed", "", null, "12.50", 0),
                                "Authorization",
                                ADMIN,
                                "If-Match",
                                "\"1\"")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/products/" + id + "/discontinue", null, "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/products/" + id + "/discontinue", null, "Authorization", ADMIN)
                        .statusCode())
                .as("idempotent")
                .isEqualTo(200);

        var records = TopicReader.await(
                String.join(",", kafka.getBootstrapServers()),
                Topics.PRODUCTS,
                4,
                record -> id.equals(record.key()),
                Duration.ofSeconds(30));
        assertThat(records)
                .extracting(ProductApiIT::type)
                .containsExactly(
                        ProductChanged.CREATED,
                        ProductChanged.UPDATED,
                        ProductChanged.PRICE_CHANGED,
                        ProductChanged.DISCONTINUED);
        for (var record : records) {
            assertThat(EventSchemas.validate(type(record), record.value()))
                    .as(type(record))
                    .isEmpty();
        }
        var last = CatalogHttp.JSON.readTree(records.getLast().value());
        assertThat(last.get("status").asString()).isEqualTo("DISCONTINUED");
        assertThat(last.get("price").get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(TopicReader.collect(
                        String.join(",", kafka.getBootstrapServers()),
                        Topics.PRODUCTS,
                        record -> id.equals(record.key()),
                        Duration.ofSeconds(2)))
                .as("no event for the repeated discontinue")
                .hasSize(4);
    }

    @Autowired
    org.springframework.cache.CacheManager caches;

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    @Test
    void aChangeAnnouncedByAnotherReplicaEvictsTheCachedProduct() throws Exception {
        var sku = unique("REPL");
        var id = UUID.fromString(fixtures.create(product(sku, "Fresh name", "", null, "10.00", 1))
                .get("id")
                .asString());
        assertThat(http.get("/api/v1/products/" + id).statusCode()).isEqualTo(200);
        // what another replica would have cached before its own write: a stale representation
        var fresh =
                CatalogHttp.JSON.readValue(http.get("/api/v1/products/" + id).body(), ProductView.class);
        var stale = new ProductView(
                id,
                sku,
                "Stale name",
                "",
                null,
                fresh.price(),
                fresh.status(),
                Map.of(),
                List.of(),
                fresh.createdAt(),
                fresh.updatedAt(),
                fresh.version());
        caches.getCache(ProductCache.BY_ID).put(id, stale);
        assertThat(json(http.get("/api/v1/products/" + id)).get("name").asString())
                .as("served from the cache")
                .isEqualTo("Stale name");

        org.springframework.kafka.test.utils.ContainerTestUtils.waitForAssignment(
                listeners.getListenerContainer("catalog.product-cache"), Topics.ALL.get(Topics.PRODUCTS));
        var change = new ProductChanged(
                id,
                sku,
                "Fresh name",
                new dev.prodev.shop.events.Money(new java.math.BigDecimal("10.00"), "ETB"),
                ProductChanged.ACTIVE);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                Map.of("bootstrap.servers", String.join(",", kafka.getBootstrapServers())),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(dev.prodev.shop.messaging.CloudEventRecords.create(
                            Topics.PRODUCTS,
                            id.toString(),
                            UUID.randomUUID(),
                            ProductChanged.UPDATED,
                            "catalog-service",
                            java.time.Instant.now(),
                            CatalogHttp.JSON.writeValueAsBytes(change)))
                    .get();
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(json(http.get("/api/v1/products/" + id))
                                .get("name")
                                .asString())
                        .isEqualTo("Fresh name"));
    }

    static String type(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("ce_type");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void adminAdjustsStockButNeverBelowWhatIsReserved() {
        var id = fixtures.createProduct(unique("STK"), "Stocked", "", null, "5.00", 4);
        var path = "/api/v1/products/" + id + "/stock";
        assertThat(json(http.get(path)).get("available").asInt()).isEqualTo(4);
        var added = http.post(path + "/adjustments", Map.of("delta", 6, "reason", "delivery"), "Authorization", ADMIN);
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(added).get("onHand").asInt()).isEqualTo(10);
        jdbc.update("update stock set reserved = 8 where product_id = ?", id);
        assertThat(http.post(path + "/adjustments", Map.of("delta", -3, "reason", "breakage"), "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(409);
        assertThat(http.post(path + "/adjustments", Map.of("reason", "no delta"), "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(400);
        assertThat(json(http.get(path)).get("onHand").asInt()).isEqualTo(10);
        assertThat(http.get("/api/v1/products/" + UUID.randomUUID() + "/stock").statusCode())
                .isEqualTo(404);
    }
}
