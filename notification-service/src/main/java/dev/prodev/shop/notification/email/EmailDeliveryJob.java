package dev.prodev.shop.notification.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailSendException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends stored email deliveries. Safe with many replicas and no lock service: a replica claims a
 * batch of due rows ({@code FOR UPDATE SKIP LOCKED}) by pushing their {@code next_attempt_at} one
 * lease into the future, commits, and only then talks to SMTP, so no database transaction waits on
 * the mail server. A replica that dies mid-send leaves its rows to reappear after the lease (SMTP
 * is at-least-once either way; the claim keeps two live replicas from sending the same row).
 * A claimed batch goes out over a few SMTP connections in parallel ({@link SmtpConnections}), and
 * its outcomes are written in one transaction, so the job keeps up with hundreds of orders a second.
 */
@Component
class EmailDeliveryJob {

    private static final Logger log = LoggerFactory.getLogger(EmailDeliveryJob.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DeliveryRepository deliveries;
    private final SmtpConnections smtp;
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
            SmtpConnections smtp,
            EmailProperties properties,
            Clock clock,
            EmailTraces traces,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.smtp = smtp;
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
            deliver(claimed);
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

    private void deliver(List<UUID> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        var due = deliveries.findAllById(claimed).stream()
                .filter(delivery -> delivery.getStatus() == DeliveryStatus.PENDING) // erased or finished meanwhile
                .toList();
        var spans = new HashMap<UUID, Span>();
        due.forEach(delivery -> spans.put(delivery.getId(), traces.startSend(delivery)));
        Map<UUID, String> failures;
        try {
            failures = smtp.send(due);
        } catch (RuntimeException ex) {
            // nothing is known to have gone out: every row stays due and is tried after its lease
            spans.values().forEach(span -> span.error(ex).end());
            throw ex;
        }
        transactions.executeWithoutResult(status -> {
            var now = clock.instant();
            // re-read: a user may have been erased while we talked to SMTP
            for (var current : deliveries.findAllById(spans.keySet())) {
                record(current, failures.get(current.getId()), now);
            }
        });
        spans.forEach((id, span) -> {
            var failure = failures.get(id);
            if (failure != null) {
                span.error(new MailSendException(failure));
            }
            span.end();
        });
    }

    private void record(Delivery current, String failure, java.time.Instant now) {
        if (failure == null) {
            current.sent(now);
            sent.increment();
        } else if (current.failed(failure, now, properties)) {
            dead.increment();
            log.error(
                    "email delivery {} for notification {} is dead after {} attempts: {}",
                    current.getId(),
                    current.getNotificationId(),
                    current.getAttempts(),
                    failure);
        } else {
            failed.increment();
            log.warn(
                    "email delivery {} attempt {} failed, next at {}: {}",
                    current.getId(),
                    current.getAttempts(),
                    current.getNextAttemptAt(),
                    failure);
        }
    }
}
