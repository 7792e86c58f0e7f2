package dev.prodev.shop.web.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * {@code @Schema(nullable = true)} on a field or record component becomes OpenAPI 3.1's
 * {@code "type": ["string", "null"]} (or {@code oneOf} with {@code null} for a referenced schema).
 * springdoc 3 writes 3.1 documents, where the 3.0 {@code nullable} keyword no longer exists and is
 * dropped, so without this a field that comes back null is declared non-null and a strict client
 * (or response validator) rejects a real answer.
 */
public class NullablePropertyCustomizer implements PropertyCustomizer {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || type.getCtxAnnotations() == null || !nullable(type)) {
            return property;
        }
        if (property.get$ref() != null || property.getEnum() != null) {
            // a reference, or an enum whose list has no null: "one of it, or null"
            var description = property.getDescription();
            var inner = property.get$ref() != null ? new Schema<>().$ref(property.get$ref()) : property;
            if (inner == property) {
                property.setDescription(null);
            }
            return new Schema<>()
                    .oneOf(List.of(inner, new Schema<>().types(Set.of("null"))))
                    .description(description);
        }
        var types = new LinkedHashSet<String>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }

    private static boolean nullable(AnnotatedType type) {
        for (var annotation : type.getCtxAnnotations()) {
            if (annotation instanceof io.swagger.v3.oas.annotations.media.Schema schema && schema.nullable()) {
                return true;
            }
        }
        return false;
    }
}
