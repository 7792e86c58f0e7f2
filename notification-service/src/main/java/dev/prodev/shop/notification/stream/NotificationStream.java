package dev.prodev.shop.notification.stream;

import dev.prodev.shop.notification.inapp.NotificationView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent-Event streams of this replica, per user. A user sees only their own
 * notifications because a stream is registered under the JWT subject that opened it and pushes
 * are addressed by recipient id. Comments every {@code heartbeat} keep proxies (the gateway, a
 * load balancer) from closing an idle stream and reveal dead connections.
 */
@Component
public class NotificationStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);

    private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int maxPerUser;
    private volatile boolean running;

    NotificationStream(
            @Value("${shop.notifications.stream.timeout:30m}") Duration timeout,
            @Value("${shop.notifications.stream.max-per-user:5}") int maxPerUser,
            MeterRegistry meters) {
        this.timeout = timeout;
        this.maxPerUser = maxPerUser;
        Gauge.builder("shop.notification.stream.subscribers", this::subscribers)
                .description("Open live notification streams on this replica")
                .register(meters);
    }

    /**
     * Opens a stream for {@code userId}; the oldest of theirs is closed when they exceed the
     * per-user bound. {@code missed} (what they received after their {@code Last-Event-ID}) is
     * sent first; the stream is registered before, so nothing falls between the two (a
     * notification may arrive twice: clients de-duplicate by event id).
     */
    public SseEmitter open(String userId, List<NotificationView> missed) {
        var emitter = new SseEmitter(timeout.toMillis());
        var mine = streams.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>());
        mine.add(emitter);
        while (mine.size() > maxPerUser) {
            var oldest = mine.removeFirst();
            oldest.complete();
        }
        Runnable forget = () -> forget(userId, emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(error -> forget.run());
        try {
            // sent at once so the client (and any proxy) sees the 200 and the headers immediately
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
            for (var notification : missed) {
                emitter.send(event(notification));
            }
        } catch (IOException ex) {
            forget.run();
        }
        return emitter;
    }

    /** Pushes to every stream {@code recipientId} has open on this replica. */
    public void push(String recipientId, NotificationView notification) {
        for (var emitter : streams.getOrDefault(recipientId, List.of())) {
            try {
                emitter.send(event(notification));
            } catch (IOException | IllegalStateException ex) {
                log.debug("stream of {} is gone: {}", recipientId, ex.getMessage());
                forget(recipientId, emitter);
            }
        }
    }

    private static SseEmitter.SseEventBuilder event(NotificationView notification) {
        return SseEmitter.event()
                .id(notification.id().toString())
                .name("notification")
                .data(notification, MediaType.APPLICATION_JSON);
    }

    @Scheduled(fixedRateString = "${shop.notifications.stream.heartbeat:15s}")
    void heartbeat() {
        streams.forEach((userId, emitters) -> emitters.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException ex) {
                forget(userId, emitter);
            }
        }));
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * On shutdown, ends every stream before the web server's graceful shutdown waits for open
     * requests (it stops later: lower phase): clients reconnect to another replica at once
     * instead of holding the shutdown for its whole timeout.
     */
    @Override
    public void stop() {
        running = false;
        streams.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void forget(String userId, SseEmitter emitter) {
        streams.computeIfPresent(userId, (id, emitters) -> {
            emitters.remove(emitter);
            return emitters.isEmpty() ? null : emitters;
        });
    }

    private int subscribers() {
        return streams.values().stream().mapToInt(List::size).sum();
    }
}
