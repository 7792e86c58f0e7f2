package dev.prodev.shop.messaging.deadletter;

import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.web.problem.ShopProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters of this service (role admin), under {@code shop.messaging.admin-path}:
 * {@code GET} lists them (paged, newest first), {@code GET /{id}} shows one, {@code POST
 * /{id}/redrive} publishes the original record (key, value, original headers, so the same
 * {@code ce_id}) to its original topic. Every consumer group of that topic sees it again; the
 * others' inboxes drop it, this service processes it.
 */
@RestController
@RequestMapping("${shop.messaging.admin-path:/admin/dead-letters}")
@PreAuthorize("hasRole('admin')")
public class DeadLetterController {

    /** Header added to a redriven record, naming the dead letter it came from. */
    public static final String REDRIVE_HEADER = "shop_redrive_of";

    private static final int MAX_PAGE_SIZE = 100;

    /** A page of dead letters. */
    public record Page(List<DeadLetter> items, int page, int size, long total) {
    }

    private final DeadLetterStore store;
    private final CloudEventPublisher publisher;
    private final Duration sendTimeout;

    public DeadLetterController(DeadLetterStore store, CloudEventPublisher publisher, Duration sendTimeout) {
        this.store = store;
        this.publisher = publisher;
        this.sendTimeout = sendTimeout;
    }

    @GetMapping
    public Page list(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        var wanted = parse(status);
        if (page < 0) {
            throw ShopProblem.badRequest("page must be 0 or more.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ShopProblem.badRequest("size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return new Page(store.list(wanted, page, size), page, size, store.count(wanted));
    }

    @GetMapping("/{id}")
    public DeadLetter get(@PathVariable UUID id) {
        return store.find(id).orElseThrow(() -> ShopProblem.notFound("dead letter", id));
    }

    @PostMapping("/{id}/redrive")
    public DeadLetter redrive(@PathVariable UUID id) {
        var original = store.original(id).orElseThrow(() -> ShopProblem.notFound("dead letter", id));
        if (!store.claimRedrive(id)) {
            throw ShopProblem.conflict("Dead letter " + id + " was already redriven.");
        }
        var record = new ProducerRecord<String, byte[]>(original.topic(), null, original.key(), original.value());
        original.headers().stream()
                .filter(header -> !header.key().startsWith("kafka_dlt-"))
                .forEach(header -> record.headers().add(header));
        record.headers().add(REDRIVE_HEADER, id.toString().getBytes(StandardCharsets.UTF_8));
        try {
            publisher.send(record).get(sendTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            store.releaseRedrive(id);
            throw new ShopProblem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                    "The dead letter could not be republished now; try again later.", Map.of());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            store.releaseRedrive(id);
            throw new ShopProblem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                    "The dead letter could not be republished now; try again later.", Map.of());
        }
        return store.find(id).orElseThrow();
    }

    private static DeadLetterStore.Status parse(String status) {
        try {
            return DeadLetterStore.Status.valueOf(status.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw ShopProblem.badRequest("status must be one of open, redriven, all.");
        }
    }
}
