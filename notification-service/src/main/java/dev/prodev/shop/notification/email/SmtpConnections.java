package dev.prodev.shop.notification.email;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a batch of emails over at most {@code shop.notifications.email.connections} SMTP
 * connections at once: the batch is split into that many parts, and each part goes out over one
 * connection ({@link JavaMailSender#send(MimeMessage...)} keeps its transport open for the whole
 * array), in parallel on a pool of that many threads. One connection per mail, one after the other,
 * was what let the backlog grow behind 300 confirmations/s (issue #13).
 *
 * <p>The answer says which mails failed, from Spring's per-message {@link MailSendException}, so
 * only those are tried again: a mail the server accepted is never sent twice because its neighbour
 * in the batch failed.
 */
@Component
class SmtpConnections {

    private final JavaMailSender mail;
    private final EmailProperties properties;
    private final ExecutorService pool;

    SmtpConnections(JavaMailSender mail, EmailProperties properties) {
        this.mail = mail;
        this.properties = properties;
        this.pool = Executors.newFixedThreadPool(
                properties.connections(),
                Thread.ofPlatform().daemon().name("smtp-", 0).factory());
    }

    /** Sends every delivery once; returns the error of each one that was not accepted, by delivery id. */
    Map<UUID, String> send(List<Delivery> deliveries) {
        var failures = new HashMap<UUID, String>();
        if (deliveries.isEmpty()) {
            return failures;
        }
        var parts = Math.min(properties.connections(), deliveries.size());
        var size = (deliveries.size() + parts - 1) / parts;
        var running = new ArrayList<CompletableFuture<Map<UUID, String>>>();
        for (var from = 0; from < deliveries.size(); from += size) {
            var part = deliveries.subList(from, Math.min(deliveries.size(), from + size));
            running.add(CompletableFuture.supplyAsync(() -> sendOverOneConnection(part), pool));
        }
        running.forEach(part -> failures.putAll(part.join()));
        return failures;
    }

    private Map<UUID, String> sendOverOneConnection(List<Delivery> part) {
        var failures = new HashMap<UUID, String>();
        var messages = new IdentityHashMap<MimeMessage, Delivery>();
        var ordered = new ArrayList<MimeMessage>();
        for (var delivery : part) {
            try {
                var message = message(delivery);
                messages.put(message, delivery);
                ordered.add(message);
            } catch (MessagingException | MailException ex) {
                failures.put(delivery.getId(), describe(ex));
            }
        }
        if (ordered.isEmpty()) {
            return failures;
        }
        try {
            mail.send(ordered.toArray(MimeMessage[]::new));
        } catch (MailSendException ex) {
            if (ex.getFailedMessages().isEmpty()) {
                ordered.forEach(message -> failures.put(messages.get(message).getId(), describe(ex)));
            } else {
                ex.getFailedMessages().forEach((message, error) -> {
                    var delivery = messages.get(message);
                    if (delivery != null) {
                        failures.put(delivery.getId(), describe(error));
                    }
                });
            }
        } catch (MailException ex) {
            // e.g. authentication refused before anything was sent
            ordered.forEach(message -> failures.put(messages.get(message).getId(), describe(ex)));
        }
        return failures;
    }

    private MimeMessage message(Delivery delivery) throws MessagingException {
        var message = mail.createMimeMessage();
        var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(delivery.getAddress());
        helper.setSubject(delivery.getSubject());
        helper.setText(delivery.getTextBody(), delivery.getHtmlBody());
        // lets a support person match a mail to its row, and a receiver de-duplicate a resend
        message.setHeader("X-Shop-Delivery-Id", delivery.getId().toString());
        return message;
    }

    private static String describe(Exception ex) {
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
