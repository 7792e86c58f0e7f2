package dev.prodev.shop.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * A real SMTP server (GreenMail) in the test JVM on a random port, shared by every test context
 * of this module (one Spring context, so the context cache hits), which tests can stop and start
 * again on the same port to simulate an outage. The customizer points {@code spring.mail.port}
 * at it and shortens the delivery backoff so retries happen within a test.
 */
public final class TestSmtp {

    private static final int PORT = freePort();
    private static GreenMail server = start();

    private TestSmtp() {}

    public static synchronized void stop() {
        server.stop();
    }

    /** Starts a fresh server on the same port (what was received before is forgotten). */
    public static synchronized void restart() {
        server.stop();
        server = start();
    }

    /** Messages received whose subject mentions {@code text} (e.g. an order id). */
    public static synchronized List<MimeMessage> messagesAbout(String text) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> subject(message).contains(text))
                .toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static GreenMail start() {
        var greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static final class CustomizerFactory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new Customizer();
        }
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "test-smtp",
                            Map.of(
                                    "spring.mail.host", "127.0.0.1",
                                    "spring.mail.port", PORT,
                                    "shop.notifications.email.poll-interval", "100ms",
                                    "shop.notifications.email.initial-backoff", "200ms",
                                    "shop.notifications.email.max-backoff", "1s",
                                    "shop.notifications.email.max-attempts", "1000")));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
