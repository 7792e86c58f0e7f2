package dev.prodev.shop.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** How a batch of emails leaves: over a bounded number of connections at once, and failures per mail. */
class SmtpConnectionsTest {

    /** An SMTP client that counts connections (one per {@code doSend}) and refuses one address. */
    static final class CountingSender extends JavaMailSenderImpl {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger mostOpenAtOnce = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        /** Holds each connection until three are open at once (or 5 s passed): proves parallel parts on any load. */
        final CyclicBarrier threeOpen = new CyclicBarrier(3);

        @Override
        protected void doSend(MimeMessage[] messages, Object[] originals) {
            connections.incrementAndGet();
            mostOpenAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                try {
                    threeOpen.await(5, TimeUnit.SECONDS);
                } catch (BrokenBarrierException | TimeoutException ex) {
                    // fewer parts than three, or not in parallel: the assertions say which
                }
                var failed = new LinkedHashMap<Object, Exception>();
                for (var message : messages) {
                    var to = message.getAllRecipients()[0].toString();
                    if (to.startsWith("bounce")) {
                        failed.put(message, new MessagingException("550 no such mailbox"));
                    } else {
                        accepted.add(message.getHeader("X-Shop-Delivery-Id")[0]);
                    }
                }
                if (!failed.isEmpty()) {
                    throw new MailSendException(failed);
                }
            } catch (InterruptedException | MessagingException ex) {
                throw new IllegalStateException(ex);
            } finally {
                open.decrementAndGet();
            }
        }
    }

    final CountingSender server = new CountingSender();
    final SmtpConnections smtp = new SmtpConnections(
            server,
            new EmailProperties(
                    "shop@example.com",
                    Duration.ofSeconds(1),
                    100,
                    3,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(10),
                    12));

    @AfterEach
    void stop() {
        smtp.stop();
    }

    static Delivery to(String address) {
        return Delivery.email(UUID.randomUUID(), "alice", address, "s", "text", "<p>html</p>", null, Instant.now());
    }

    @Test
    void aBatchGoesOutOverAtMostTheConfiguredConnectionsInParallel() {
        var batch = IntStream.range(0, 90)
                .mapToObj(i -> to("c" + i + "@example.com"))
                .toList();

        var failures = smtp.send(batch);

        assertThat(failures).isEmpty();
        assertThat(server.accepted).hasSize(90);
        assertThat(server.connections.get())
                .as("one connection per part, not per mail")
                .isEqualTo(3);
        assertThat(server.mostOpenAtOnce.get())
                .as("parts go out in parallel, bounded")
                .isEqualTo(3);
    }

    @Test
    void onlyTheMailsTheServerRefusedAreReportedFailedTheOthersCountAsSent() {
        var bounce = to("bounce@example.com");
        List<Delivery> batch = List.of(to("a@example.com"), bounce, to("b@example.com"), to("c@example.com"));

        var failures = smtp.send(batch);

        assertThat(failures).containsOnlyKeys(bounce.getId());
        assertThat(failures.get(bounce.getId())).contains("550 no such mailbox");
        assertThat(server.accepted).hasSize(3).doesNotContain(bounce.getId().toString());
    }
}
