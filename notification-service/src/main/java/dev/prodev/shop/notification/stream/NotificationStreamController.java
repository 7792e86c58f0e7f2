package dev.prodev.shop.notification.stream;

import dev.prodev.shop.notification.inapp.NotificationRepository;
import dev.prodev.shop.notification.inapp.NotificationView;
import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/notifications/stream}: the caller's notifications as they are stored
 * (event {@code notification}, data = the notification JSON, id = its id). The token travels in
 * the {@code Authorization} header (fetch-based EventSource clients), so it works through the
 * gateway like any other call; history is {@code GET /api/v1/notifications}.
 */
@RestController
@Tag(name = "Notifications")
class NotificationStreamController {

    /** Bounds the catch-up after a reconnect; older gaps are what the paged list is for. */
    static final int MAX_REPLAY = 100;

    private final NotificationStream stream;
    private final NotificationRepository notifications;

    NotificationStreamController(NotificationStream stream, NotificationRepository notifications) {
        this.stream = stream;
        this.notifications = notifications;
    }

    /**
     * A reconnecting client sends the id of the last event it saw ({@code Last-Event-ID}, as
     * EventSource does by itself) and first receives what it missed, so a dropped connection (a
     * proxy timeout, a replica restart) loses nothing.
     */
    @Operation(summary = "Live stream (Server-Sent Events) of my notifications", description = """
            Event `notification` with the notification JSON; comments every 15 s as heartbeat. Send \
            `Last-Event-ID` on reconnect to receive what was missed (up to 100).""")
    @GetMapping(path = "/api/v1/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Transactional(readOnly = true)
    SseEmitter stream(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        var user = jwt.getSubject();
        var missed = lastEventId == null || lastEventId.isBlank()
                ? List.<NotificationView>of()
                : notifications.findAfter(user, parse(lastEventId), Limit.of(MAX_REPLAY)).stream()
                        .map(NotificationView::of)
                        .toList();
        return stream.open(user, missed);
    }

    private static UUID parse(String lastEventId) {
        try {
            return UUID.fromString(lastEventId.strip());
        } catch (IllegalArgumentException ex) {
            throw ShopProblem.badRequest("Last-Event-ID must be the id of a notification event.");
        }
    }
}
