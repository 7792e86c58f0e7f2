package dev.prodev.shop.notification.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends stored email deliveries. Safe with many replicas and no lock service: a replica claims a
 * batch of due rows ({@code FOR UPDATE SKIP LOCKED}) by pushing their {@code next_attempt_at} one
 * lease into the future, commits, and only then talks to SMTP, so no database transaction waits on
 * the mail server. A replica that dies mid-send leaves its rows to reappear after the lease (SMTP
 * is at-least-once either way; the claim keeps two live replicas from sending the same row).
 */
@Component
class EmailDeliveryJob {

    private static final Logger log = LoggerFactory.getLogger(EmailDeliveryJob.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DeliveryRepository deliveries;
    private final JavaMailSender mail;
    private final EmailProperties properties;
    private final Clock clock;
    private final EmailTraces traces;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;

    EmailDeliveryJob(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            DeliveryRepository deliveries,
            JavaMailSender mail,
            EmailProperties properties,
            Clock clock,
            EmailTraces traces,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        this.traces = traces;
        this.sent = outcome(meters, "sent");
        this.failed = outcome(meters, "failed");
        this.dead = outcome(meters, "dead");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("shop.notification.email.attempts")
                .description("Email delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${shop.notifications.email.poll-interval:1s}")
    void deliverDue() {
        List<UUID> claimed;
        do {
            claimed = claim();
            claimed.forEach(this::deliver);
        } while (claimed.size() == properties.batchSize());
    }

    private List<UUID> claim() {
        return transactions.execute(status -> jdbc.queryForList(
                """
                update delivery set next_attempt_at = now() + make_interval(secs => ?)
                where id in (select id from delivery where status = 'PENDING' and next_attempt_at <= now()
                             order by next_attempt_at limit ? for update skip locked)
                returning id
                """, UUID.class, (double) properties.lease().toMillis() / 1000, properties.batchSize()));
    }

    private void deliver(UUID id) {
        var delivery = deliveries.findById(id).orElse(null);
        if (delivery == null || delivery.getStatus() != DeliveryStatus.PENDING) {
            return; // erased (user deleted) or finished meanwhile
        }
        var span = traces.startSend(delivery);
        try (var scope = traces.inScope(span)) {
            attempt(id, delivery, span);
        } finally {
            span.end();
        }
    }

    private void attempt(UUID id, Delivery delivery, io.micrometer.tracing.Span span) {
        String error = null;
        try {
            send(delivery);
        } catch (MailException | MessagingException ex) {
            error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            span.error(ex);
        }
        var failure = error;
        transactions.executeWithoutResult(status -> {
            // re-read: the user may have been erased while we talked to SMTP
            var current = deliveries.findById(id).orElse(null);
            if (current == null) {
                return;
            }
            var now = clock.instant();
            if (failure == null) {
                current.sent(now);
                sent.increment();
            } else if (current.failed(failure, now, properties)) {
                dead.increment();
                log.error(
                        "email delivery {} for notification {} is dead after {} attempts: {}",
                        id,
                        current.getNotificationId(),
                        current.getAttempts(),
                        failure);
            } else {
                failed.increment();
                log.warn(
                        "email delivery {} attempt {} failed, next at {}: {}",
                        id,
                        current.getAttempts(),
                        current.getNextAttemptAt(),
                        failure);
            }
        });
    }

    private void send(Delivery delivery) throws MessagingException {
        var message = mail.createMimeMessage();
        var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(delivery.getAddress());
        helper.setSubject(delivery.getSubject());
        helper.setText(delivery.getTextBody(), delivery.getHtmlBody());
        // lets a support person match a mail to its row, and a receiver de-duplicate a resend
        message.setHeader("X-Shop-Delivery-Id", delivery.getId().toString());
        mail.send(message);
    }
}
