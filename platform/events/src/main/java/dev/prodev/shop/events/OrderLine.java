package dev.prodev.shop.events;

import java.util.UUID;

/** One line of an order: what, how many, at which unit price. */
public record OrderLine(UUID productId, int quantity, Money unitPrice) {}
