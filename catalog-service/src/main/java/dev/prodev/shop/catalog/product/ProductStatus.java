package dev.prodev.shop.catalog.product;

/** Whether a product can still be ordered; discontinued products stay readable for old orders. */
public enum ProductStatus {
    ACTIVE,
    DISCONTINUED
}
