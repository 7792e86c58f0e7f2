package dev.prodev.shop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.TestTokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the HTTP layer refuses (Reactor Netty's decoder, Spring's URI parsing, Spring Security's
 * firewall) answer with problem+json like every other error, never with an empty body and never with
 * a 5xx. Sent as raw bytes over a socket: an HTTP client would refuse to send most of them.
 */
class HttpLayerProblemsIT extends GatewayIntegrationTest {

    static final String HEAD = "Host: 127.0.0.1\r\nConnection: close\r\n";

    static final JsonMapper JSON = JsonMapper.builder().build();

    static String rawGet(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\n" + HEAD + extraHeaders + "\r\n";
    }

    @Test
    void everyRequestTheHttpLayerRefusesGetsAProblemJsonBody() throws Exception {
        var admin = TestTokens.bearer("admin", "admin", "customer");
        var cases = new LinkedHashMap<String, Map.Entry<String, Integer>>();
        cases.put("URI above our 4 KB", Map.entry(rawGet("/api/v1/products?q=" + "a".repeat(5000), ""), 414));
        cases.put(
                "URI above Netty's own limit", Map.entry(rawGet("/api/v1/products?q=" + "a".repeat(70_000), ""), 414));
        cases.put(
                "one header above our 8 KB",
                Map.entry(rawGet("/api/v1/products", "X-Big: " + "a".repeat(10_000) + "\r\n"), 431));
        cases.put(
                "headers far above our 8 KB",
                Map.entry(rawGet("/api/v1/products", "X-Big: " + "a".repeat(40_000) + "\r\n"), 431));
        cases.put(
                "many small headers",
                Map.entry(rawGet("/api/v1/products", "X-Small: 0123456789abcdef\r\n".repeat(400)), 431));
        cases.put("encoded NUL in the path", Map.entry(rawGet("/api/v1/products/%00", ""), 400));
        cases.put("bad percent-encoding in the path", Map.entry(rawGet("/api/v1/products/%zz", ""), 400));
        cases.put("bad percent-encoding in the query", Map.entry(rawGet("/api/v1/products?q=%zz", ""), 400));
        cases.put("truncated percent-encoding", Map.entry(rawGet("/api/v1/products?q=%4", ""), 400));
        cases.put("encoded slash", Map.entry(rawGet("/api/v1/products/a%2Fb", ""), 400));
        cases.put("double slash", Map.entry(rawGet("/api/v1//products", ""), 400));
        // dot segments would let a routed prefix reach a service's own /actuator after its normalization
        cases.put("dot-dot segments", Map.entry(rawGet("/api/v1/catalog/../../actuator/env", ""), 400));
        cases.put("encoded dot-dot segments", Map.entry(rawGet("/api/v1/catalog/%2e%2e/%2e%2e/actuator/env", ""), 400));
        cases.put("semicolon", Map.entry(rawGet("/api/v1/products;x=1", ""), 400));
        cases.put("backslash", Map.entry(rawGet("/api/v1/products\\a", ""), 400));
        cases.put("space in the target", Map.entry(rawGet("/api/v1/products/a b", ""), 400));
        cases.put("NUL in a header value", Map.entry(rawGet("/api/v1/products", "X-A: a\0b\r\n"), 400));
        cases.put("NUL in a header name", Map.entry(rawGet("/api/v1/products", "X\0A: ab\r\n"), 400));
        cases.put("control character in a header", Map.entry(rawGet("/api/v1/products", "X-A: a\u0001b\r\n"), 400));
        cases.put(
                "Content-Length not a number",
                Map.entry("POST /graphql HTTP/1.1\r\n" + HEAD + "Content-Length: abc\r\n\r\n", 400));
        cases.put(
                "Content-Length and chunked",
                Map.entry(
                        "POST /graphql HTTP/1.1\r\n" + HEAD
                                + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        400));
        cases.put("not a method", Map.entry("FOO /api/v1/products HTTP/1.1\r\n" + HEAD + "\r\n", 400));
        cases.put("not HTTP at all", Map.entry("HELLO\r\n\r\n", 400));
        cases.put(
                "a body that is not JSON",
                Map.entry(
                        "POST /api/v1/admin/blocklist HTTP/1.1\r\n" + HEAD + "Authorization: " + admin
                                + "\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nnotjs",
                        400));
        cases.put(
                "JSON with a duplicate key of the wrong type",
                Map.entry(
                        "POST /api/v1/admin/blocklist HTTP/1.1\r\n"
                                + HEAD + "Authorization: " + admin
                                + "\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n"
                                + "{\"ip\":\"1.2.3.4\",\"ip\":[1,2]}",
                        400));
        cases.put(
                "a body of the wrong media type",
                Map.entry(
                        "POST /api/v1/admin/blocklist HTTP/1.1\r\n" + HEAD + "Authorization: " + admin
                                + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nnotjs",
                        415));
        cases.put(
                "a parameter of the wrong type",
                Map.entry(rawGet("/api/v1/admin/blocklist?limit=abc", "Authorization: " + admin + "\r\n"), 400));

        var wrong = new ArrayList<String>();
        for (var entry : cases.entrySet()) {
            var response = raw("127.0.0.1", entry.getValue().getKey());
            var text = response.getValue();
            var body = text.substring(text.indexOf("\r\n\r\n") + 4);
            var problem = body.isEmpty() ? null : JSON.readTree(body);
            if (response.getKey().intValue() != entry.getValue().getValue().intValue()
                    || !text.toLowerCase().contains("content-type: application/problem+json")
                    || problem == null
                    || problem.path("status").asInt() != response.getKey()
                    || !problem.has("type")
                    || text.contains("Exception")) {
                wrong.add(entry.getKey() + ": expected " + entry.getValue().getValue() + " problem+json, got "
                        + text.substring(0, Math.min(text.length(), 400)));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRequestJustInsideTheLimitsStillPasses() throws Exception {
        // the gateway's own API, so no downstream warm-up decides the status
        var response = raw(
                "127.0.0.1",
                rawGet(
                        "/api/v1/admin/blocklist?limit=5&pad=" + "a".repeat(3900),
                        "Authorization: " + TestTokens.bearer("admin", "admin") + "\r\nX-Ok: " + "b".repeat(5000)
                                + "\r\n"));
        assertThat(response.getKey()).as(response.getValue()).isEqualTo(200);
    }

    @Test
    void refusalsAreCountedByReason() throws Exception {
        raw("127.0.0.1", rawGet("/api/v1/products/%zz", ""));
        assertThat(get("/actuator/prometheus", null).body())
                .containsPattern("shop_gateway_http_rejected_total\\{[^}]*reason=\"bad-uri\"[^}]*\\} [1-9]");
    }
}
