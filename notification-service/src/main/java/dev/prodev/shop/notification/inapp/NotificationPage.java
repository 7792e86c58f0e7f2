package dev.prodev.shop.notification.inapp;

import java.util.List;

/** One page of the caller's notifications, newest first, with their unread count for a badge. */
public record NotificationPage(
        List<NotificationView> items, int page, int size, long totalElements, int totalPages, long unread) {}
