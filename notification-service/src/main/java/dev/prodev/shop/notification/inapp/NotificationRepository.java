package dev.prodev.shop.notification.inapp;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface NotificationRepository extends JpaRepository<Notification, UUID> {

    Page<Notification> findByRecipientIdOrderByCreatedAtDescIdDesc(String recipientId, Pageable pageable);

    /** Ownership is part of the lookup: another user's notification simply does not exist for the caller. */
    Optional<Notification> findByIdAndRecipientId(UUID id, String recipientId);

    /** What {@code recipientId} received after notification {@code after} (oldest first): the SSE catch-up. */
    @Query("""
            select n from Notification n, Notification last
            where last.id = :after and last.recipientId = :recipientId and n.recipientId = :recipientId
              and (n.createdAt > last.createdAt or (n.createdAt = last.createdAt and n.id > last.id))
            order by n.createdAt asc, n.id asc""")
    List<Notification> findAfter(String recipientId, UUID after, Limit limit);

    long countByRecipientIdAndReadAtIsNull(String recipientId);

    boolean existsBySourceEventId(String sourceEventId);

    @Modifying
    @Query("delete from Notification n where n.recipientId = :recipientId")
    int deleteByRecipient(String recipientId);
}
