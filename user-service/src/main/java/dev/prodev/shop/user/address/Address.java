package dev.prodev.shop.user.address;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "address")
public class Address {

    @Id
    private UUID id;

    @Column(name = "profile_id", nullable = false, updatable = false)
    private UUID profileId;

    private String label;
    private String recipient;
    private String line1;
    private String line2;
    private String city;

    @Column(name = "postal_code")
    private String postalCode;

    private String country;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Address() {}

    Address(UUID id, UUID profileId, AddressController.AddressRequest request) {
        this.id = id;
        this.profileId = profileId;
        this.createdAt = Instant.now();
        apply(request);
    }

    void apply(AddressController.AddressRequest request) {
        this.label = request.label();
        this.recipient = request.recipient();
        this.line1 = request.line1();
        this.line2 = request.line2();
        this.city = request.city();
        this.postalCode = request.postalCode();
        this.country = request.country().toUpperCase(java.util.Locale.ROOT);
        this.updatedAt = Instant.now();
    }

    AddressController.AddressView view() {
        return new AddressController.AddressView(id, label, recipient, line1, line2, city, postalCode, country);
    }

    UUID getProfileId() {
        return profileId;
    }
}
