package dev.prodev.shop.catalog.category;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A node of the category tree; a root has no parent. */
@Entity
@Table(name = "category")
public class Category {

    @Id
    private UUID id;

    @Column(name = "parent_id")
    private UUID parentId;

    @Column(nullable = false, unique = true)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Category() {}

    public Category(UUID id, UUID parentId, String slug, String name) {
        this.id = id;
        this.parentId = parentId;
        this.slug = slug;
        this.name = name;
        this.createdAt = Instant.now();
    }

    public void rename(String slug, String name) {
        this.slug = slug;
        this.name = name;
    }

    public void moveUnder(UUID parentId) {
        this.parentId = parentId;
    }

    public UUID getId() {
        return id;
    }

    public UUID getParentId() {
        return parentId;
    }

    public String getSlug() {
        return slug;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}
