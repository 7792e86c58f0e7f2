package dev.prodev.shop.web.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on, rendered as problem+json by {@link ProblemDetailsHandler}.
 * Use the factories: {@code throw ShopProblem.notFound("product", id)}.
 */
public class ShopProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;
    private final Map<String, String> headers;

    public ShopProblem(HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
        this(status, type, title, detail, properties, Map.of());
    }

    private ShopProblem(
            HttpStatus status,
            String type,
            String title,
            String detail,
            Map<String, Object> properties,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = Map.copyOf(properties);
        this.headers = Map.copyOf(headers);
    }

    /** The same problem with a response header, e.g. {@code Retry-After} on a 429 or 503. */
    public ShopProblem withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new ShopProblem(status, type, title, getMessage(), properties, more);
    }

    public static ShopProblem notFound(String what, Object id) {
        return new ShopProblem(
                HttpStatus.NOT_FOUND, "not-found", "Not Found", "No " + what + " with id " + id + ".", Map.of());
    }

    public static ShopProblem conflict(String detail) {
        return new ShopProblem(HttpStatus.CONFLICT, "conflict", "Conflict", detail, Map.of());
    }

    public static ShopProblem badRequest(String detail) {
        return new ShopProblem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request", detail, Map.of());
    }

    public static ShopProblem unprocessable(String detail) {
        return new ShopProblem(
                HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable", "Unprocessable Content", detail, Map.of());
    }

    public static ShopProblem preconditionFailed(String detail) {
        return new ShopProblem(
                HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition Failed", detail, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
