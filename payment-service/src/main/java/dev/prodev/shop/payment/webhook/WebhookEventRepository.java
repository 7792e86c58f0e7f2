package dev.prodev.shop.payment.webhook;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WebhookEventRepository extends JpaRepository<WebhookEvent, UUID> {

    boolean existsByProviderAndEventIdAndSignatureValidTrue(String provider, String eventId);

    long countByProviderAndEventId(String provider, String eventId);
}
