package dev.prodev.shop.system.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Checks a real response against the OpenAPI document a generated client trusts: its status must
 * be documented for the operation, and its body must match the declared schema (a field that comes
 * back null must be declared nullable). {@link Platform} runs it on every response the system tests
 * get from the gateway's {@code /api/v1} when {@code -Dshop.api.validate-responses=true} (off by
 * default until one run against the platform has shown which responses still break the document).
 */
public final class ContractValidator {

    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("shop.api.validate-responses", "false"));

    private static volatile ContractValidator gateway;

    private final OpenApiInteractionValidator validator;

    public ContractValidator(String document) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .build();
    }

    /** The validator of the gateway's aggregated document, read once. */
    static ContractValidator ofGateway() {
        if (gateway == null) {
            synchronized (ContractValidator.class) {
                if (gateway == null) {
                    var document = Platform.getAbsolute(Platform.GATEWAY + "/v3/api-docs");
                    if (document.statusCode() != 200) {
                        throw new AssertionError(
                                "no aggregated OpenAPI document at the gateway: " + document.statusCode());
                    }
                    gateway = new ContractValidator(document.body());
                }
            }
        }
        return gateway;
    }

    /** The messages of every error the response has against the document; empty when it conforms. */
    public List<String> violations(String method, String path, int status, String contentType, String body) {
        var response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        var report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage())
                .toList();
    }

    /** Throws when a gateway API response breaks the document (see the class comment). */
    static void check(HttpResponse<String> response) {
        if (!ENABLED) {
            return;
        }
        var uri = response.request().uri();
        if (!uri.toString().startsWith(Platform.GATEWAY) || !uri.getPath().startsWith("/api/v1/")) {
            return;
        }
        var contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (contentType != null && contentType.startsWith("text/event-stream")) {
            return;
        }
        var violations = ofGateway()
                .violations(
                        response.request().method(),
                        URI.create(uri.getRawPath()).getPath(),
                        response.statusCode(),
                        contentType,
                        response.body());
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    "the response to " + response.request().method() + " " + uri + " (" + response.statusCode()
                            + ") breaks the aggregated OpenAPI document:\n  " + String.join("\n  ", violations)
                            + "\nbody: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
