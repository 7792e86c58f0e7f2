package dev.prodev.shop.user.erasure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A tombstone: the account with JWT {@code sub} = {@code subjectId} was erased. Access tokens
 * Keycloak issued before it deleted the account stay valid until they expire, so the tombstone
 * outlives the Keycloak deletion by {@code shop.users.erasure.tombstone-ttl}; it holds no personal
 * data (the subject id is Keycloak's opaque id).
 */
@Entity
@Table(name = "erased_subject")
public class ErasedSubject {

    @Id
    @Column(name = "subject_id")
    private String subjectId;

    @Column(name = "erased_at", nullable = false, updatable = false)
    private Instant erasedAt;

    /** When Keycloak confirmed the account is gone; null while the deletion is pending. */
    @Column(name = "keycloak_deleted_at")
    private Instant keycloakDeletedAt;

    protected ErasedSubject() {}

    public String getSubjectId() {
        return subjectId;
    }

    public Instant getErasedAt() {
        return erasedAt;
    }

    public Instant getKeycloakDeletedAt() {
        return keycloakDeletedAt;
    }
}
