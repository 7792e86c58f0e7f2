package dev.prodev.shop.messaging.outbox;

import dev.prodev.shop.web.problem.ShopProblem;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parked outbox rows of this service (role admin), under {@code <shop.messaging.admin-path>/outbox}
 * next to the dead letters, so the gateway route and role rules of the dead letters cover it:
 * {@code GET} lists them (paged, oldest first), {@code POST /{id}/retry} hands one back to the relay,
 * {@code POST /{id}/skip} gives it up so the later events of its key flow again.
 */
@RestController
@RequestMapping("${shop.messaging.admin-path:/admin/dead-letters}/outbox")
@PreAuthorize("hasRole('admin')")
public class ParkedOutboxController {

    private static final Logger log = LoggerFactory.getLogger(ParkedOutboxController.class);

    private static final int MAX_PAGE_SIZE = 100;

    /** A page of parked rows. */
    public record Page(List<ParkedOutbox.ParkedRow> items, int page, int size, long total) {}

    private final ParkedOutbox parked;

    public ParkedOutboxController(ParkedOutbox parked) {
        this.parked = parked;
    }

    @GetMapping
    public Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || page > 1000) {
            throw ShopProblem.badRequest("page must be between 0 and 1000.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ShopProblem.badRequest("size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return new Page(parked.list(page, size), page, size, parked.count());
    }

    @PostMapping("/{id}/retry")
    public ParkedOutbox.ParkedRow retry(@PathVariable UUID id) {
        var row = parked.find(id).orElseThrow(() -> ShopProblem.notFound("parked outbox event", id));
        if (!parked.retry(id)) {
            throw ShopProblem.notFound("parked outbox event", id);
        }
        log.info("parked outbox event {} ({}) handed back to the relay", id, row.type());
        return row;
    }

    @PostMapping("/{id}/skip")
    public ParkedOutbox.ParkedRow skip(@PathVariable UUID id, Principal principal) {
        var row = parked.find(id).orElseThrow(() -> ShopProblem.notFound("parked outbox event", id));
        var by = principal == null ? "admin" : principal.getName();
        if (!parked.skip(id, by)) {
            throw ShopProblem.notFound("parked outbox event", id);
        }
        log.warn(
                "parked outbox event {} ({}, key {}) skipped by {}: it will never be published",
                id,
                row.type(),
                row.key(),
                by);
        return row;
    }
}
