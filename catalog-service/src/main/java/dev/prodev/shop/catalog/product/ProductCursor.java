package dev.prodev.shop.catalog.product;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a newest-first listing continues: the creation time and id of the last product a client
 * saw. Keyset paging from here reads the listing index from that key on, however deep in the
 * catalogue it is, where an OFFSET would read and discard every row before it. Opaque to clients
 * (base64url), validated on the way in, so a cache key built from it stays short.
 */
public record ProductCursor(Instant createdAt, UUID id) implements Serializable {

    /** The longest cursor a client can hand back; anything longer cannot be one of ours. */
    public static final int MAX_LENGTH = 120;

    public static ProductCursor after(ProductView last) {
        return new ProductCursor(last.createdAt(), last.id());
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code text} names, or an {@link IllegalArgumentException} worded for the client. */
    public static ProductCursor decode(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("after is not a cursor this API handed out");
        }
        try {
            var plain = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            var bar = plain.indexOf('|');
            return new ProductCursor(Instant.parse(plain.substring(0, bar)), UUID.fromString(plain.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("after is not a cursor this API handed out");
        }
    }

    @Override
    public String toString() {
        return createdAt + "|" + id;
    }
}
