package dev.prodev.shop.messaging.deadletter;

import dev.prodev.shop.events.InvalidEventException;
import dev.prodev.shop.messaging.UnreadableEventException;
import dev.prodev.shop.messaging.consumer.EventDispatcher;
import dev.prodev.shop.messaging.consumer.EventSubscriptions;
import dev.prodev.shop.messaging.consumer.RejectedEventException;
import dev.prodev.shop.web.paging.PageWindow;
import dev.prodev.shop.web.problem.ShopProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters of this service (role admin), under {@code shop.messaging.admin-path}:
 * {@code GET} lists them (paged, newest first), {@code GET /{id}} shows one, {@code POST
 * /{id}/redrive} applies the original record again through the handler table of the consumer
 * that gave up on it, in-process. The letter is marked redriven, the inbox row written and the
 * effect (outbox rows included) committed in one transaction: a failure leaves the letter open
 * and nothing applied. Nothing is written to the original topic, so a consumer needs no write
 * permission on the topics it reads, and other services never see the event twice.
 */
@RestController
@RequestMapping("${shop.messaging.admin-path:/admin/dead-letters}")
@PreAuthorize("hasRole('admin')")
public class DeadLetterController {

    /** Header added to a redriven record as the handler sees it, naming the dead letter it came from. */
    public static final String REDRIVE_HEADER = "shop_redrive_of";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

    private static final int MAX_PAGE_SIZE = 100;

    /** A page of dead letters. */
    public record Page(List<DeadLetter> items, int page, int size, long total) {}

    private final DeadLetterStore store;
    private final EventSubscriptions subscriptions;
    private final EventDispatcher dispatcher;
    private final TransactionTemplate transactions;

    public DeadLetterController(
            DeadLetterStore store,
            EventSubscriptions subscriptions,
            EventDispatcher dispatcher,
            TransactionTemplate transactions) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
    }

    @GetMapping
    public Page list(
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        var wanted = parse(status);
        if (page < 0) {
            throw ShopProblem.badRequest("page must be 0 or more.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ShopProblem.badRequest("size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        PageWindow.check(page, size, "filter by status instead.");
        return new Page(store.list(wanted, page, size), page, size, store.count(wanted));
    }

    @GetMapping("/{id}")
    public DeadLetter get(@PathVariable UUID id) {
        return store.find(id).orElseThrow(() -> ShopProblem.notFound("dead letter", id));
    }

    @PostMapping("/{id}/redrive")
    public DeadLetter redrive(@PathVariable UUID id) {
        var letter = store.find(id).orElseThrow(() -> ShopProblem.notFound("dead letter", id));
        var original = store.original(id).orElseThrow(() -> ShopProblem.notFound("dead letter", id));
        if (letter.redrivenAt() != null) {
            throw alreadyRedriven(id);
        }
        var subscription = subscriptions
                .find(letter.consumerGroup(), letter.topic())
                .orElseThrow(() -> ShopProblem.conflict("No consumer of this service reads " + letter.topic()
                        + " in group " + letter.consumerGroup() + " now; dead letter " + id + " cannot be redriven."));
        var record = record(id, letter, original);
        try {
            transactions.executeWithoutResult(status -> {
                // the claim row-locks the letter: a concurrent redrive waits, then finds it redriven
                if (!store.claimRedrive(id)) {
                    throw alreadyRedriven(id);
                }
                dispatcher.dispatch(subscription.handlers(), record);
            });
        } catch (ShopProblem problem) {
            throw problem;
        } catch (UnreadableEventException | InvalidEventException | RejectedEventException poison) {
            throw new ShopProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "dead-letter-poison",
                    "Dead letter cannot be applied",
                    "The dead letter cannot be applied as it is: " + poison.getMessage(),
                    Map.of());
        } catch (RuntimeException failure) {
            log.warn("redrive of dead letter {} failed; it stays open: {}", id, failure.toString());
            throw new ShopProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "redrive-failed",
                    "Redrive failed",
                    "The dead letter could not be applied now; it stays open. Try again later.",
                    Map.of());
        }
        return store.find(id).orElseThrow();
    }

    private static ShopProblem alreadyRedriven(UUID id) {
        return ShopProblem.conflict("Dead letter " + id + " was already redriven.");
    }

    /** The original record as the consumer received it (its headers, value and key). */
    private static ConsumerRecord<String, byte[]> record(
            UUID id, DeadLetter letter, DeadLetterStore.Original original) {
        var headers = new RecordHeaders();
        original.headers().stream()
                .filter(header -> !header.key().startsWith("kafka_dlt-"))
                .forEach(headers::add);
        headers.add(REDRIVE_HEADER, id.toString().getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(
                original.topic(),
                letter.partition(),
                letter.offset(),
                ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE,
                original.key(),
                original.value(),
                headers,
                Optional.empty());
    }

    private static DeadLetterStore.Status parse(String status) {
        try {
            return DeadLetterStore.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw ShopProblem.badRequest("status must be one of open, redriven, all.");
        }
    }
}
