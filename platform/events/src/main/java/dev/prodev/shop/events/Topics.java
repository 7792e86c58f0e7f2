package dev.prodev.shop.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka topic names of the shop, one per aggregate stream plus the saga command topics. The
 * record key is always the aggregate id named in the comment, so one aggregate's events stay in
 * order on one partition.
 */
public final class Topics {

    /** Order events, key orderId. */
    public static final String ORDERS = "shop.orders";
    /** Payment outcomes, key orderId. */
    public static final String PAYMENTS = "shop.payments";
    /** Stock replies to the order saga, key orderId. */
    public static final String STOCK = "shop.stock";
    /** Product changes (catalog), key productId. */
    public static final String PRODUCTS = "shop.products";
    /** User lifecycle, key userId (Keycloak id). */
    public static final String USERS = "shop.users";
    /** Saga commands to catalog-service, key orderId. */
    public static final String STOCK_COMMANDS = "shop.stock.commands";
    /** Saga commands to payment-service, key orderId. */
    public static final String PAYMENT_COMMANDS = "shop.payment.commands";

    /** Suffix of every dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /**
     * The main topics with their partition counts; each has a dead-letter topic ({@link #deadLetter})
     * with as many partitions. The deploy files that cannot read Java copy it and deploy-tests checks
     * the copies: {@code deploy/local/kafka/topics.txt} (deploy/local/up, deploy/compose) in
     * LocalPlatformFilesTest, the Strimzi {@code KafkaTopic}s of deploy/k8s in KafkaTest.
     */
    public static final Map<String, Integer> ALL;

    /**
     * The one service that writes each main topic, as its CloudEvents {@code source}
     * ({@code spring.application.name}). Consumers refuse an event from anyone else, so a
     * credential leak of one service cannot forge another's events.
     */
    public static final Map<String, String> OWNERS;

    /**
     * Topic configs beyond the broker's defaults, per main topic (dead-letter topics keep the
     * defaults). {@code shop.products} is compacted: order-service's price list is rebuilt from it
     * and needs the latest state of every product ever announced, not the last 7 days (issue #14,
     * finding 9). The deploy copies ({@code topics.txt}, the Strimzi {@code KafkaTopic}s) are checked
     * against it by deploy-tests.
     */
    public static final Map<String, Map<String, String>> CONFIGS;

    static {
        var all = new LinkedHashMap<String, Integer>();
        all.put(ORDERS, 3);
        all.put(PAYMENTS, 3);
        all.put(STOCK, 3);
        all.put(PRODUCTS, 3);
        all.put(USERS, 3);
        all.put(STOCK_COMMANDS, 3);
        all.put(PAYMENT_COMMANDS, 3);
        ALL = Collections.unmodifiableMap(all);
        var owners = new LinkedHashMap<String, String>();
        owners.put(ORDERS, "order-service");
        owners.put(PAYMENTS, "payment-service");
        owners.put(STOCK, "catalog-service");
        owners.put(PRODUCTS, "catalog-service");
        owners.put(USERS, "user-service");
        owners.put(STOCK_COMMANDS, "order-service");
        owners.put(PAYMENT_COMMANDS, "order-service");
        OWNERS = Collections.unmodifiableMap(owners);
        CONFIGS = Map.of(PRODUCTS, Map.of("cleanup.policy", "compact"));
    }

    private Topics() {}

    /** The dead-letter topic of {@code topic}: {@code <topic>.dlt}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The configs {@code topic} is created with beyond the broker's defaults; empty for most topics. */
    public static Map<String, String> configs(String topic) {
        return CONFIGS.getOrDefault(topic, Map.of());
    }

    /** The owner of {@code topic} (its only legitimate {@code ce_source}); {@code null} for a topic the shop does not know. */
    public static String owner(String topic) {
        return OWNERS.get(topic);
    }
}
