package dev.prodev.shop.catalog.category;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Create or update a category; {@code parentId} null makes it a root. */
public record CategoryRequest(
        @NotBlank
        @Size(max = 100)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lowercase words separated by '-'")
        String slug,

        @NotBlank @Size(max = 200) String name,
        UUID parentId) {}
