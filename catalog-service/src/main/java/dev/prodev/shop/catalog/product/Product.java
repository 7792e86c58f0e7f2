package dev.prodev.shop.catalog.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A sellable article. Its version drives optimistic locking and the HTTP ETag. */
@Entity
@Table(name = "product")
public class Product {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String sku;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description = "";

    @Column(name = "category_id")
    private UUID categoryId;

    @Column(name = "price_amount", nullable = false)
    private BigDecimal priceAmount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ProductStatus status = ProductStatus.ACTIVE;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> attributes = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "image_urls", nullable = false)
    private List<String> imageUrls = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Product() {}

    public Product(UUID id, String sku, String name, BigDecimal priceAmount, String currency) {
        this.id = id;
        this.sku = sku;
        this.name = name;
        this.priceAmount = priceAmount;
        this.currency = currency;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** Replaces the editable fields; says whether the price changed (a separate event type). */
    public boolean update(
            String name,
            String description,
            UUID categoryId,
            BigDecimal priceAmount,
            String currency,
            Map<String, Object> attributes,
            List<String> imageUrls) {
        var priceChanged = this.priceAmount.compareTo(priceAmount) != 0 || !this.currency.equals(currency);
        this.name = name;
        this.description = description == null ? "" : description;
        this.categoryId = categoryId;
        this.priceAmount = priceAmount;
        this.currency = currency;
        this.attributes = attributes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(attributes);
        this.imageUrls = imageUrls == null ? new ArrayList<>() : new ArrayList<>(imageUrls);
        this.updatedAt = Instant.now();
        return priceChanged;
    }

    /** Takes the product off sale; false when it already was. */
    public boolean discontinue() {
        if (status == ProductStatus.DISCONTINUED) {
            return false;
        }
        status = ProductStatus.DISCONTINUED;
        updatedAt = Instant.now();
        return true;
    }

    public UUID getId() {
        return id;
    }

    public String getSku() {
        return sku;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public UUID getCategoryId() {
        return categoryId;
    }

    public BigDecimal getPriceAmount() {
        return priceAmount;
    }

    public String getCurrency() {
        return currency;
    }

    public ProductStatus getStatus() {
        return status;
    }

    public Map<String, Object> getAttributes() {
        return attributes;
    }

    public List<String> getImageUrls() {
        return imageUrls;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
