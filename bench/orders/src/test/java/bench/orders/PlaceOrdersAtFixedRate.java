package bench.orders;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The open model of bench/orders: orders arrive at a fixed rate ({@code constantUsersPerSec}),
 * whatever the platform answers, so a slow platform shows as latency and refusals, never as a lower
 * offered rate (the closed model, wrk, slows down with the platform).
 *
 * <p>Each virtual user places one single-line order (quantity 1) through the gateway, with its own
 * Idempotency-Key {@code <run id>-o-<n>} and the token of one of the run's shoppers, taken in turn.
 * The tokens file is re-read every 20 s (run.sh refreshes it before the tokens expire).
 *
 * <p>System properties (set by run.sh): {@code bench.baseUrl}, {@code bench.rate} (orders/s),
 * {@code bench.seconds}, {@code bench.tokens} (file, one token a line), {@code bench.products}
 * (file, one product id a line), {@code bench.runId}, {@code bench.statusFile} (where the status
 * counts are written at the end, one {@code <status>[:<problem type>] <count>} a line) and
 * {@code bench.startedFile} (written when injection starts).
 */
public class PlaceOrdersAtFixedRate extends Simulation {

    private static final String BASE_URL = System.getProperty("bench.baseUrl", "http://localhost:8080");
    private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "20"));
    private static final long SECONDS = Long.parseLong(System.getProperty("bench.seconds", "10"));
    private static final Path TOKENS = Path.of(System.getProperty("bench.tokens", "tokens.txt"));
    private static final Path PRODUCTS = Path.of(System.getProperty("bench.products", "products.txt"));
    private static final String RUN_ID = System.getProperty("bench.runId", "bench-local");
    private static final Path STATUS_FILE = Path.of(System.getProperty("bench.statusFile", "status.txt"));
    private static final String STARTED_FILE = System.getProperty("bench.startedFile", "");

    private static final Map<String, LongAdder> STATUS = new ConcurrentHashMap<>();

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final List<String> PRODUCT_IDS = lines(PRODUCTS);
    private static volatile List<String> tokens = lines(TOKENS);
    private static volatile long tokensReadAt = System.nanoTime();

    private static List<String> lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            var list = lines.map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (list.isEmpty()) {
                throw new IllegalStateException(file + " is empty");
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(long n) {
        if (System.nanoTime() - tokensReadAt > Duration.ofSeconds(20).toNanos()) {
            tokensReadAt = System.nanoTime();
            try {
                tokens = lines(TOKENS);
            } catch (RuntimeException e) {
                // keep the tokens we have; run.sh writes the file atomically, so this is rare
            }
        }
        var current = tokens;
        return current.get((int) (n % current.size()));
    }

    private static final Iterator<Map<String, Object>> ORDERS = Stream.generate(
                    (Supplier<Map<String, Object>>) () -> {
                        long n = SEQUENCE.incrementAndGet();
                        String product = PRODUCT_IDS.get(ThreadLocalRandom.current().nextInt(PRODUCT_IDS.size()));
                        return Map.of("token", token(n), "key", RUN_ID + "-o-" + n, "product", product);
                    })
            .iterator();

    private static Session count(Session session) {
        String key;
        if (!session.contains("status")) {
            key = "error";
        } else {
            int status = session.getInt("status");
            key = String.valueOf(status);
            if (status >= 400 && session.contains("problemType")) {
                String type = session.getString("problemType");
                key += ":" + type.substring(type.lastIndexOf('/') + 1);
            }
        }
        STATUS.computeIfAbsent(key, k -> new LongAdder()).increment();
        return session;
    }

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .shareConnections()
            .contentTypeHeader("application/json")
            .acceptHeader("application/json, application/problem+json");

    private final ScenarioBuilder place = scenario("place one order")
            .feed(ORDERS)
            .exec(http("POST /api/v1/orders")
                    .post("/api/v1/orders")
                    .header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{key}")
                    .body(StringBody("{\"lines\":[{\"productId\":\"#{product}\",\"quantity\":1}]}"))
                    .check(
                            status().saveAs("status"),
                            regex("\"type\"\\s*:\\s*\"([^\"]*)\"").optional().saveAs("problemType")))
            .exec(PlaceOrdersAtFixedRate::count);

    {
        setUp(place.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
                .protocols(protocol);
    }

    /** Tells run.sh that the JVM is up and injection begins now (its CPU snapshot waits for this). */
    @Override
    public void before() {
        if (!STARTED_FILE.isEmpty()) {
            try {
                Files.writeString(Path.of(STARTED_FILE), String.valueOf(System.currentTimeMillis()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void after() {
        var sorted = new TreeMap<String, Long>();
        STATUS.forEach((k, v) -> sorted.put(k, v.sum()));
        var out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        try {
            Files.writeString(STATUS_FILE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
