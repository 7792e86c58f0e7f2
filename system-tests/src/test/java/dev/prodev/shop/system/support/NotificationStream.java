package dev.prodev.shop.system.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client of {@code GET /api/v1/notifications/stream} through the gateway that behaves like a
 * browser's EventSource: it keeps the id of the last event and, when the connection ends (a
 * proxy timeout, a restart), reconnects with {@code Last-Event-ID}, so the server replays what it
 * missed. Collects every {@code data:} payload and every connection's outcome for the test to read.
 */
public final class NotificationStream implements AutoCloseable {

    private final String bearer;
    private final List<String> data = new CopyOnWriteArrayList<>();
    private final List<String> connections = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile String lastEventId;
    private volatile InputStream current;
    private volatile boolean closed;

    /** Opens the stream; {@code lastEventId} (may be null) is the newest notification the client already has. */
    public NotificationStream(String bearer, String lastEventId) {
        this.bearer = bearer;
        this.lastEventId = lastEventId;
        this.reader = Thread.ofPlatform().daemon().name("sse-reader").start(this::readUntilClosed);
    }

    /** The JSON payloads received so far, oldest first. */
    public List<String> data() {
        return List.copyOf(data);
    }

    /** One line per connection attempt: status and content type, or the error. */
    public List<String> connections() {
        return List.copyOf(connections);
    }

    private void readUntilClosed() {
        while (!closed) {
            try {
                var request = HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/v1/notifications/stream"))
                        .header("Authorization", bearer)
                        .header("Accept", "text/event-stream")
                        .GET();
                if (lastEventId != null) {
                    request.header("Last-Event-ID", lastEventId);
                }
                var response = Platform.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                connections.add(response.statusCode() + " "
                        + response.headers().firstValue("Content-Type").orElse("?"));
                current = response.body();
                if (response.statusCode() != 200) {
                    current.close();
                    Platform.sleep(java.time.Duration.ofSeconds(1));
                    continue;
                }
                try (var lines = new BufferedReader(new InputStreamReader(current, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("id:")) {
                            lastEventId = line.substring(3).strip();
                        } else if (line.startsWith("data:")) {
                            data.add(line.substring(5).strip());
                        }
                    }
                }
            } catch (IOException | UncheckedIOException ex) {
                if (!closed) {
                    connections.add("error " + ex);
                }
            } catch (InterruptedException ex) {
                return;
            }
            if (!closed) {
                Platform.sleep(java.time.Duration.ofMillis(500)); // as EventSource's retry
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
