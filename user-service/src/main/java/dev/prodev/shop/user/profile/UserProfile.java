package dev.prodev.shop.user.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The shop's view of a user: the account itself (login, password, roles) lives in Keycloak, keyed by {@code keycloakId} = JWT {@code sub}. */
@Entity
@Table(name = "user_profile")
public class UserProfile {

    @Id
    private UUID id;

    @Column(name = "keycloak_id", nullable = false, unique = true)
    private String keycloakId;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Version
    private long version;

    protected UserProfile() {}

    public UserProfile(UUID id, String keycloakId, String email, String displayName) {
        this(id, keycloakId, email, displayName, null, null);
    }

    public UserProfile(
            UUID id, String keycloakId, String email, String displayName, String firstName, String lastName) {
        this.id = id;
        this.keycloakId = keycloakId;
        this.email = email;
        this.displayName = displayName;
        this.firstName = firstName;
        this.lastName = lastName;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public void rename(String displayName, String firstName, String lastName) {
        this.displayName = displayName;
        this.firstName = firstName;
        this.lastName = lastName;
        this.updatedAt = Instant.now();
    }

    public void disable() {
        if (disabledAt == null) {
            disabledAt = Instant.now();
            updatedAt = disabledAt;
        }
    }

    public UUID getId() {
        return id;
    }

    public String getKeycloakId() {
        return keycloakId;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getDisabledAt() {
        return disabledAt;
    }
}
