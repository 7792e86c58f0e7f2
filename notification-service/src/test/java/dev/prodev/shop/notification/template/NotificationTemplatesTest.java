package dev.prodev.shop.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.notification.inapp.NotificationKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTemplatesTest {

    final NotificationTemplates templates = new NotificationTemplates();
    final Map<String, String> model = Map.of(
            "name",
            "Alice",
            "orderId",
            "0b6e1c1e-7f3a-4d4b-9a58-6d2f0c9e1a11",
            "total",
            "59.90 EUR",
            "amount",
            "59.90 EUR",
            "reason",
            "card declined");

    @Test
    void everyKindRendersASubjectAndTextAndMailedKindsAnHtmlBody() {
        for (var kind : NotificationKind.values()) {
            var message = templates.render(kind, model);
            assertThat(message.subject()).as(kind + " subject").isNotBlank().doesNotContain("{{");
            assertThat(message.text()).as(kind + " text").contains("Alice").doesNotContain("{{");
            if (kind.emailed()) {
                assertThat(message.html())
                        .as(kind + " html")
                        .contains("0b6e1c1e-7f3a-4d4b-9a58-6d2f0c9e1a11")
                        .doesNotContain("{{");
            } else {
                assertThat(message.html()).as(kind + " html").isNull();
            }
        }
    }

    @Test
    void theConfirmationNamesTheOrderAndTheTotal() {
        var message = templates.render(NotificationKind.ORDER_CONFIRMED, model);
        assertThat(message.subject()).isEqualTo("Your order 0b6e1c1e-7f3a-4d4b-9a58-6d2f0c9e1a11 is confirmed");
        assertThat(message.text()).contains("59.90 EUR");
    }

    @Test
    void aDisplayNameCannotInjectMarkupIntoTheHtmlEmail() {
        var message = templates.render(
                NotificationKind.ORDER_CANCELLED,
                Map.of("name", "<script>alert(1)</script>", "orderId", "o-1", "reason", "x"));
        assertThat(message.html()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(message.text()).as("plain text stays as typed").contains("<script>");
    }
}
