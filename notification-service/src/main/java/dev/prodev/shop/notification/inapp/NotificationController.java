package dev.prodev.shop.notification.inapp;

import dev.prodev.shop.web.paging.PageWindow;
import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notifications: a bounded, paged list and marking one read. */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "The caller's own notifications: list, mark read, live stream")
class NotificationController {

    static final int MAX_PAGE_SIZE = 100;

    private final NotificationRepository notifications;
    private final Clock clock;

    NotificationController(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "My notifications, newest first, with the unread count (size 1..100, page × size ≤ 10 000)")
    NotificationPage mine(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw ShopProblem.badRequest("page must be >= 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ShopProblem.badRequest("size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        // bounded like every offset list; without it page 2147483647 overflowed Spring Data's offset into a 500
        PageWindow.check(page, size, null);
        var user = jwt.getSubject();
        var result = notifications.findByRecipientIdOrderByCreatedAtDescIdDesc(user, PageRequest.of(page, size));
        return new NotificationPage(
                result.map(NotificationView::of).getContent(),
                page,
                size,
                result.getTotalElements(),
                result.getTotalPages(),
                notifications.countByRecipientIdAndReadAtIsNull(user));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one of my notifications read (idempotent)")
    @ApiResponse(responseCode = "404", description = "no such notification, or another user's")
    @Transactional
    NotificationView markRead(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        var notification = notifications
                .findByIdAndRecipientId(id, jwt.getSubject())
                .orElseThrow(() -> ShopProblem.notFound("notification", id));
        notification.markRead(clock.instant());
        return NotificationView.of(notification);
    }
}
