package dev.prodev.shop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The Keycloak realm a rendered layer imports: the realm-shop.json key of ConfigMap keycloak-realm. */
record Realm(JsonNode json) {

    static Realm of(List<Map<String, Object>> docs) {
        var data = Yaml.map(Manifest.get(docs, "ConfigMap", "keycloak-realm").get("data"));
        try {
            return new Realm(JsonMapper.builder().build().readTree((String) data.get("realm-shop.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> users() {
        return StreamSupport.stream(json.path("users").spliterator(), false).toList();
    }

    /** Users a person logs in as (not the service-account users of confidential clients). */
    List<JsonNode> humanUsers() {
        return users().stream()
                .filter(u -> !u.hasNonNull("serviceAccountClientId"))
                .toList();
    }

    List<JsonNode> clients() {
        return StreamSupport.stream(json.path("clients").spliterator(), false).toList();
    }

    String passwordPolicy() {
        return json.path("passwordPolicy").asText("");
    }
}
