package dev.prodev.shop.system.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running platform (deploy/local/up) as the system tests see it: the gateway, Keycloak,
 * Zipkin and the dev mail server's REST API, over real HTTP. URLs come from system properties
 * with the local defaults ({@code shop.gateway.url}, {@code shop.keycloak.url},
 * {@code shop.zipkin.url}, {@code shop.mail.api.url}). Every failure message carries the
 * request and the full response, so a red run explains itself.
 */
public final class Platform {

    public static final String GATEWAY = System.getProperty("shop.gateway.url", "http://localhost:8080");
    public static final String KEYCLOAK = System.getProperty("shop.keycloak.url", "http://localhost:8180");
    public static final String ZIPKIN = System.getProperty("shop.zipkin.url", "http://localhost:9411");
    public static final String MAIL_API = System.getProperty("shop.mail.api.url", "http://localhost:8086");

    public static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Platform() {}

    /** A real Keycloak access token (password grant, public client {@code shop-web}), as {@code "Bearer ..."}. */
    public static String login(String username, String password) {
        var form = "grant_type=password&client_id=shop-web&scope=openid&username=" + encode(username) + "&password="
                + encode(password);
        var response = send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/shop/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new AssertionError("Keycloak refused the login of " + username + ": " + describe(response));
        }
        return "Bearer " + json(response).get("access_token").asString();
    }

    /** A claim of the token (e.g. {@code email}, {@code sub}), read from its payload. */
    public static String claim(String bearer, String name) {
        var payload = bearer.substring("Bearer ".length()).split("\\.")[1];
        var claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
        return claims.path(name).asString();
    }

    public static HttpResponse<String> get(String path, String bearer) {
        var request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return send(request);
    }

    public static HttpResponse<String> post(String path, String bearer, Object body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        headers.forEach(request::header);
        return send(request);
    }

    public static HttpResponse<String> getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException ex) {
            throw new AssertionError("not JSON: " + describe(response), ex);
        }
    }

    /** Status, trace id and body of a response, for assertion messages. */
    public static String describe(HttpResponse<String> response) {
        var body = response.body() == null ? "" : response.body();
        return response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " (X-Trace-Id "
                + response.headers().firstValue("X-Trace-Id").orElse("none") + "): "
                + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
    }

    /**
     * A product only this test buys (so stock and price are known), created by the demo admin
     * through the gateway; the catalog publishes it and order-service learns its price from the
     * event.
     */
    public static UUID createProduct(String adminBearer, String name, String price, int stock) {
        var body = new LinkedHashMap<String, Object>();
        body.put("sku", "SYS-" + UUID.randomUUID().toString().substring(0, 12));
        body.put("name", name);
        body.put("description", "created by a system test");
        body.put("price", Map.of("amount", price, "currency", "EUR"));
        body.put("initialStock", stock);
        var response = post("/api/v1/products", adminBearer, body, Map.of());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError("admin could not create a product: " + describe(response));
        }
        return UUID.fromString(json(response).get("id").asString());
    }

    /**
     * Places an order for one product. Retries with a fresh Idempotency-Key while order-service
     * answers 422 because it has not yet received the product's {@code product.created} event
     * (a failed attempt stores no order and no key).
     */
    public static HttpResponse<String> placeOrderOnceTheProductIsKnown(
            String bearer, UUID productId, int quantity, String idempotencyKey, Duration patience) {
        var deadline = System.nanoTime() + patience.toNanos();
        var body = orderBody(productId, quantity);
        HttpResponse<String> response;
        var attempt = 0;
        do {
            var key = attempt++ == 0 ? idempotencyKey : idempotencyKey + "-" + attempt;
            response = post("/api/v1/orders", bearer, body, Map.of("Idempotency-Key", key));
            if (response.statusCode() != 422) {
                return response;
            }
            sleep(Duration.ofSeconds(1));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("order-service never accepted product " + productId + " within " + patience
                + " (did catalog publish product.created and order-service consume it?): " + describe(response));
    }

    public static Map<String, Object> orderBody(UUID productId, int quantity) {
        return Map.of("lines", java.util.List.of(Map.of("productId", productId.toString(), "quantity", quantity)));
    }

    /** The order as its owner sees it. */
    public static JsonNode order(String bearer, String orderId) {
        var response = get("/api/v1/orders/" + orderId, bearer);
        if (response.statusCode() != 200) {
            throw new AssertionError("cannot read order " + orderId + ": " + describe(response));
        }
        return json(response);
    }

    /** What the dev mail server holds for {@code address} (GreenMail REST API: subject, MIME text), as raw JSON text. */
    public static String mailbox(String address) {
        var response = getAbsolute(MAIL_API + "/api/user/" + address + "/messages/INBOX");
        return response.statusCode() == 200 ? response.body() : "";
    }

    /** One trace from Zipkin's API, or an empty array while it is not (fully) reported yet. */
    public static JsonNode zipkinTrace(String traceId) {
        var response = getAbsolute(ZIPKIN + "/api/v2/trace/" + traceId);
        return response.statusCode() == 200 ? json(response) : JSON.createArrayNode();
    }

    /** Traces in Zipkin tagged {@code orderId=<id>} (notification-service tags its spans with it). */
    public static JsonNode zipkinTracesOfOrder(String orderId) {
        var response = getAbsolute(
                ZIPKIN + "/api/v2/traces?limit=10&lookback=3600000&annotationQuery=" + encode("orderId=" + orderId));
        return response.statusCode() == 200 ? json(response) : JSON.createArrayNode();
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        var built = request.build();
        try {
            var response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            ContractValidator.check(response);
            return response;
        } catch (IOException ex) {
            throw new AssertionError(
                    "cannot reach " + built.uri() + " (is the platform up? deploy/local/up): " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
