package dev.prodev.shop.notification.template;

/** A notification rendered for people: subject, plain text (app and email) and HTML (email only, may be null). */
public record RenderedMessage(String subject, String text, String html) {}
