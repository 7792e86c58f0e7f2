package dev.prodev.shop.notification.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.prodev.shop.notification.inapp.NotificationKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders each {@link NotificationKind} from Mustache resources under
 * {@code templates/notification/}: {@code <kind>.subject.mustache}, {@code <kind>.txt.mustache}
 * and, for mailed kinds, {@code <kind>.html.mustache}. The HTML compiler escapes every value
 * (a display name cannot inject markup); a template naming a variable the model lacks fails at
 * render time rather than mailing a blank.
 */
@Component
public class NotificationTemplates {

    private static final String BASE = "templates/notification/";

    private final Map<NotificationKind, Template> subjects = new EnumMap<>(NotificationKind.class);
    private final Map<NotificationKind, Template> texts = new EnumMap<>(NotificationKind.class);
    private final Map<NotificationKind, Template> htmls = new EnumMap<>(NotificationKind.class);

    public NotificationTemplates() {
        var plain = Mustache.compiler().escapeHTML(false).nullValue("");
        var html = Mustache.compiler().escapeHTML(true).nullValue("");
        for (var kind : NotificationKind.values()) {
            subjects.put(kind, plain.compile(read(kind.template() + ".subject.mustache")));
            texts.put(kind, plain.compile(read(kind.template() + ".txt.mustache")));
            if (kind.emailed()) {
                htmls.put(kind, html.compile(read(kind.template() + ".html.mustache")));
            }
        }
    }

    public RenderedMessage render(NotificationKind kind, Map<String, ?> model) {
        var html = htmls.get(kind);
        return new RenderedMessage(
                subjects.get(kind).execute(model).strip(),
                texts.get(kind).execute(model).strip(),
                html == null ? null : html.execute(model));
    }

    private static String read(String name) {
        var resource = new ClassPathResource(BASE + name);
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("missing notification template " + BASE + name, ex);
        }
    }
}
