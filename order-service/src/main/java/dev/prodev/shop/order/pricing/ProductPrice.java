package dev.prodev.shop.order.pricing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The catalog's view of one product as last announced on {@code shop.products}: this service's price list. */
@Entity
@Table(name = "product_price")
public class ProductPrice {

    @Id
    @Column(name = "product_id")
    private UUID productId;

    @Column(nullable = false)
    private String sku;

    @Column(nullable = false)
    private String name;

    @Column(name = "price_amount", nullable = false)
    private BigDecimal priceAmount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false)
    private String status;

    /** When the catalog made the change we hold: an older event never overwrites a newer one. */
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ProductPrice() {}

    public ProductPrice(UUID productId) {
        this.productId = productId;
    }

    /** Applies the product's state as of {@code changedAt}; ignored (returns false) when we already hold a newer one. */
    public boolean apply(
            String sku, String name, BigDecimal price, String currency, String status, Instant changedAt, Instant now) {
        if (this.changedAt != null && changedAt.isBefore(this.changedAt)) {
            return false;
        }
        this.sku = sku;
        this.name = name;
        this.priceAmount = price;
        this.currency = currency;
        this.status = status;
        this.changedAt = changedAt;
        this.updatedAt = now;
        return true;
    }

    public boolean isOrderable() {
        return "ACTIVE".equals(status);
    }

    public UUID getProductId() {
        return productId;
    }

    public String getSku() {
        return sku;
    }

    public String getName() {
        return name;
    }

    public BigDecimal getPriceAmount() {
        return priceAmount;
    }

    public String getCurrency() {
        return currency;
    }

    public String getStatus() {
        return status;
    }

    public Instant getChangedAt() {
        return changedAt;
    }
}
