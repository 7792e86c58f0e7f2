package dev.prodev.shop.notification.inapp;

/** Published inside the storing transaction; the live stream pushes it only after that commits. */
public record NotificationStored(String recipientId, NotificationView notification) {}
