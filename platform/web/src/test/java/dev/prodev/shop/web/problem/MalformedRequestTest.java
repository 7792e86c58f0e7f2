package dev.prodev.shop.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Input that Tomcat or Spring Security's firewall cannot take, sent over a plain socket (as the
 * system tests' malformed-input corpus does, since {@code java.net.http} refuses to send most of
 * it): each must be a 4xx {@code application/problem+json} whose {@code status} matches, never a
 * 500 and never Tomcat's HTML error page naming the server.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.tracing.export.enabled=false",
            "logging.structured.format.console=",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/certs",
            "shop.security.public-paths=/api/v1/things/**,/api/v1/things,/api/v1/filtered/**"
        })
class MalformedRequestTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {

        @GetMapping("/api/v1/things")
        String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page) {
            return "things " + q + " " + page;
        }

        /** A filter that reads the parameters before any handler, as a logging or tenant filter would. */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> parameterReadingFilter() {
            var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(
                        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    request.getParameterMap();
                    chain.doFilter(request, response);
                }
            });
            registration.addUrlPatterns("/api/v1/filtered/*");
            return registration;
        }

        @GetMapping("/api/v1/filtered/things")
        String filtered() {
            return "filtered";
        }

        @GetMapping("/api/v1/things/{id}")
        String one(@PathVariable String id, @RequestHeader(name = "If-None-Match", required = false) String etag) {
            return "thing " + id + " " + etag;
        }
    }

    @Value("${local.server.port}")
    int port;

    record Answer(int status, String head, String body) {

        String contentType() {
            return head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim())
                    .findFirst()
                    .orElse("");
        }
    }

    /** Sends the bytes as they are and reads the whole answer (the request asks to close). */
    Answer raw(byte[] request) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            var out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            var text = out.toString(StandardCharsets.UTF_8);
            var split = text.indexOf("\r\n\r\n");
            var head = split < 0 ? text : text.substring(0, split);
            var body = split < 0 ? "" : text.substring(split + 4);
            var status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body);
        }
    }

    Answer get(String target, String... headers) throws IOException {
        var request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (var header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        return raw(request.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.head() + "\n\n" + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
        // a chunked body carries size lines around the JSON
        assertThat(answer.body())
                .contains("\"status\":" + status)
                .doesNotContainIgnoringCase("tomcat")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void aNonAsciiHeaderValueTheApplicationReadsIs400() throws IOException {
        assertProblem(get("/api/v1/things/t-1", "If-None-Match: \"caf\u00e9-\u2603\""), 400);
    }

    @Test
    void aQueryValueThatIsNotUtf8Is400() throws IOException {
        assertProblem(get("/api/v1/things?q=%ff%fe"), 400);
        assertProblem(get("/api/v1/things?page=1&q=%ff%fe"), 400);
    }

    @Test
    void aQueryValueThatIsNotUtf8Is400EvenWhenAFilterReadsItFirst() throws IOException {
        assertProblem(get("/api/v1/filtered/things?q=%ff%fe"), 400);
    }

    @Test
    void anEmptyQueryParameterNameIsRefusedOrIgnoredButNever500() throws IOException {
        var answer = get("/api/v1/things?=");
        assertThat(answer.status()).as(answer.body()).isIn(200, 400);
        if (answer.status() == 400) {
            assertProblem(answer, 400);
        }
        var mixed = get("/api/v1/things?q=x&=1");
        assertThat(mixed.status()).as(mixed.body()).isIn(200, 400);
        if (mixed.status() == 400) {
            assertProblem(mixed, 400);
        }
    }

    @Test
    void aPathTomcatCannotDecodeIsProblemJsonNotTomcatsPage() throws IOException {
        assertProblem(get("/api/v1/things/%c0%af"), 400);
        assertProblem(get("/api/v1/things/%e2%82"), 400);
    }

    @Test
    void bracketsInAQueryParameterNameAreProblemJsonNotTomcatsPage() throws IOException {
        assertProblem(get("/api/v1/things?a[b][c]=1"), 400);
    }

    @Test
    void tooManyHeadersAreProblemJsonNotTomcatsPage() throws IOException {
        var headers = new String[120];
        for (var i = 0; i < headers.length; i++) {
            headers[i] = "X-Filler-" + i + ": " + i;
        }
        assertProblem(get("/api/v1/things", headers), 400);
    }

    @Test
    void aPathTheFirewallRejectsIsProblemJson() throws IOException {
        assertProblem(get("/api/v1/things/a;b=c"), 400);
        assertProblem(get("/api/v1/things//t-1"), 400);
    }

    @Test
    void wellFormedRequestsStillWork() throws IOException {
        var list = get("/api/v1/things?q=caf%C3%A9&page=2");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("things café 2");
        var one = get("/api/v1/things/t-1", "If-None-Match: \"v1\"");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).contains("thing t-1 \"v1\"");
    }
}
