package dev.prodev.shop.notification.email;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface DeliveryRepository extends JpaRepository<Delivery, UUID> {

    List<Delivery> findByNotificationId(UUID notificationId);

    List<Delivery> findByStatusOrderByCreatedAtAsc(DeliveryStatus status, Pageable pageable);

    long countByStatus(DeliveryStatus status);

    @Modifying
    @Query("delete from Delivery d where d.recipientId = :recipientId")
    int deleteByRecipient(String recipientId);
}
