package dev.prodev.shop.user.erasure;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** The tombstones of erased accounts. */
public interface ErasedSubjects extends JpaRepository<ErasedSubject, String> {

    /** Records the tombstone in the caller's transaction; erasing twice keeps the first one. */
    @Modifying
    @Transactional
    @Query(
            value =
                    "insert into erased_subject (subject_id, erased_at) values (:subject, now()) on conflict do nothing",
            nativeQuery = true)
    void record(@Param("subject") String subjectId);

    /** Keycloak confirmed the account is gone (deleted now, or already absent). */
    @Modifying
    @Transactional
    @Query(
            "update ErasedSubject s set s.keycloakDeletedAt = :at where s.subjectId = :subject and s.keycloakDeletedAt is null")
    int keycloakDeleted(@Param("subject") String subjectId, @Param("at") Instant at);

    /** Up to 100 erasures whose Keycloak deletion is still pending since before {@code erasedBefore}, oldest first. */
    List<ErasedSubject> findTop100ByKeycloakDeletedAtIsNullAndErasedAtBeforeOrderByErasedAt(Instant erasedBefore);

    /** Removes the tombstones whose account Keycloak deleted before {@code deletedBefore}. */
    @Modifying
    @Transactional
    @Query("delete from ErasedSubject s where s.keycloakDeletedAt < :before")
    int purgeDeletedBefore(@Param("before") Instant deletedBefore);
}
