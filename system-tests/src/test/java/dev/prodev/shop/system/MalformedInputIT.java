package dev.prodev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.system.corpus.ApiOperation;
import dev.prodev.shop.system.corpus.MalformedCorpus;
import dev.prodev.shop.system.corpus.MalformedCorpus.Case;
import dev.prodev.shop.system.corpus.MalformedCorpus.Mode;
import dev.prodev.shop.system.corpus.RawHttp;
import dev.prodev.shop.system.corpus.RawHttp.Header;
import dev.prodev.shop.system.support.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The malformed-input corpus through the front door: every operation of the OpenAPI documents the
 * platform serves (gateway and each service, plus GraphQL) gets damaged path ids, query
 * parameters, headers and bodies ({@link MalformedCorpus}), anonymously and with a real Keycloak
 * token of the caller the operation is meant for (a customer, or the admin where a customer is
 * refused). Whatever comes in, the platform must answer: never 5xx, every 4xx as
 * {@code application/problem+json} whose {@code status} is the HTTP status, 413/414/431 for
 * oversize bodies, request lines and headers, a 4xx for input that cannot be meant; and no
 * order, product, category, user or address may exist afterwards that did not exist before.
 * <p>
 * CI runs a fixed, deterministic sample (about 4 000 requests, under a minute on two cores); the
 * full corpus, every variant and every body field on its own with all three callers (about 11 000
 * requests, 90 s), is
 * {@code ./mvnw -B -ntp -o -pl system-tests verify -Psystem -Dit.test=MalformedInputIT -Dshop.corpus=full}.
 * The failures are summarised by case in the assertion message and listed one by one in
 * {@code system-tests/target/malformed-input-report.txt}. The threat model ({@code docs/security.md})
 * says what the corpus covers and what it found.
 */
class MalformedInputIT {

    enum Caller {
        ANONYMOUS,
        CUSTOMER,
        ADMIN
    }

    record Outcome(Case testCase, Caller caller, RawHttp.Response response) {}

    static final Mode MODE =
            "full".equalsIgnoreCase(System.getProperty("shop.corpus", "sample")) ? Mode.FULL : Mode.SAMPLE;
    static final Path REPORT = Path.of("target", "malformed-input-report.txt");
    static final RawHttp HTTP = new RawHttp(URI.create(Platform.GATEWAY));
    static final Map<Caller, Token> TOKENS = new EnumMap<>(Caller.class);
    static final HttpClient CLEANUP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A login that is renewed before Keycloak's access token expires (a full run outlasts one). */
    static final class Token {
        final String username;
        final String password;
        String bearer;
        long issuedAt;

        Token(String username, String password) {
            this.username = username;
            this.password = password;
        }

        String bearer() {
            if (bearer == null
                    || System.nanoTime() - issuedAt > Duration.ofMinutes(4).toNanos()) {
                bearer = Platform.login(username, password);
                issuedAt = System.nanoTime();
            }
            return bearer;
        }
    }

    @BeforeAll
    static void logIn() {
        TOKENS.put(Caller.ADMIN, new Token("admin", "admin"));
        TOKENS.put(Caller.CUSTOMER, throwawayCustomer());
        // user-service creates a profile on a caller's first request: let that happen before the counting
        TOKENS.values().forEach(token -> Platform.get("/api/v1/users/me", token.bearer()));
    }

    /**
     * A customer of its own, registered the ordinary way, so that whatever the corpus's requests
     * might change lands on nobody else's profile; the demo customer bob if registration is refused.
     */
    static Token throwawayCustomer() {
        var email = "corpus-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var password = "Corpus-" + UUID.randomUUID() + "-9z";
        var registered = Platform.post(
                "/api/v1/users/register",
                null,
                Map.of("email", email, "password", password, "firstName", "Corpus", "lastName", "Customer"),
                Map.of());
        if (registered.statusCode() / 100 == 2) {
            var token = new Token(email, password);
            try {
                token.bearer();
                return token;
            } catch (AssertionError ex) {
                System.out.println("[corpus] registered " + email + " cannot log in, using bob: " + ex.getMessage());
            }
        } else {
            System.out.println("[corpus] registration refused, using bob: " + Platform.describe(registered));
        }
        return new Token("bob", "bob");
    }

    @Test
    void everyEndpointAnswersMalformedInputWithProblemJsonAndCreatesNothing() throws IOException {
        var operations = ApiOperation.discover(TOKENS.get(Caller.ADMIN).bearer());
        assertThat(operations).as("operations in the OpenAPI documents").hasSizeGreaterThan(30);
        var before = shopData();

        var perCaller = new EnumMap<Caller, List<Case>>(Caller.class);
        for (var caller : Caller.values()) {
            perCaller.put(caller, new ArrayList<>());
        }
        var skipped = new ArrayList<String>();
        for (var operation : operations) {
            var cases = MalformedCorpus.of(operation, MODE);
            perCaller.get(Caller.ANONYMOUS).addAll(cases);
            if (isAccountDeletion(operation)) {
                skipped.add(operation.describe() + " with a token (it would erase the caller)");
                continue;
            }
            var intended = intendedCaller(operation);
            perCaller.get(intended).addAll(cases);
            if (MODE == Mode.FULL) {
                perCaller
                        .get(intended == Caller.ADMIN ? Caller.CUSTOMER : Caller.ADMIN)
                        .addAll(cases);
            }
        }
        var outcomes = new ArrayList<Outcome>();
        long started = System.nanoTime();
        // round robin over the callers: each one's rate-limit bucket refills while the others are used
        var iterators = perCaller.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().iterator()))
                .toList();
        boolean more = true;
        while (more) {
            more = false;
            for (var entry : iterators) {
                if (entry.getValue().hasNext()) {
                    more = true;
                    var next = entry.getValue().next();
                    outcomes.add(new Outcome(next, entry.getKey(), send(next, entry.getKey())));
                }
            }
        }
        // broken Authorization headers, few enough not to get this machine blocked, and the count cleared after
        var protectedOperation = operations.stream()
                .filter(op -> op.method().equals("GET") && op.path().equals("/api/v1/orders"))
                .findFirst()
                .orElseThrow();
        for (var broken : MalformedCorpus.brokenAuthorization(protectedOperation)) {
            outcomes.add(new Outcome(broken, Caller.ANONYMOUS, send(broken, Caller.ANONYMOUS)));
        }
        clearFailedAuthentications();
        leaveTheRateLimitBucketsRefilled();
        var seconds = (System.nanoTime() - started) / 1_000_000_000;

        var failures = new ArrayList<String>();
        for (var outcome : outcomes) {
            var problem = verdict(outcome);
            if (problem != null) {
                failures.add(problem);
            }
        }
        var after = shopData();
        before.forEach((what, count) -> {
            if (!count.equals(after.get(what))) {
                failures.add("CREATED " + what + ": " + count + " before the corpus, " + after.get(what) + " after");
            }
        });
        writeReport(outcomes, failures, skipped, seconds);
        System.out.printf(
                "[corpus] %s: %d operations, %d requests in %d s, %d failing (report: %s)%n",
                MODE, operations.size(), outcomes.size(), seconds, failures.size(), REPORT.toAbsolutePath());
        assertThat(failures)
                .as(
                        "malformed-input corpus (%s, %d requests): %d failing cases, every one in %s;"
                                + " by kind, with one example each:%n%s",
                        MODE, outcomes.size(), failures.size(), REPORT.toAbsolutePath(), byKind(failures))
                .isEmpty();
    }

    /** The customer, unless the gateway or the service refuses a customer here: then the admin. */
    static Caller intendedCaller(ApiOperation operation) {
        var probe = MalformedCorpus.of(operation, Mode.SAMPLE).stream()
                .filter(c -> c.kind().startsWith("header"))
                .filter(c -> c.variant().startsWith("raw UTF-8"))
                .findFirst();
        if (probe.isEmpty()) {
            return Caller.CUSTOMER;
        }
        var response = send(probe.get(), Caller.CUSTOMER);
        return response.status() == 403 ? Caller.ADMIN : Caller.CUSTOMER;
    }

    static boolean isAccountDeletion(ApiOperation operation) {
        return operation.method().equals("DELETE") && operation.path().equals("/api/v1/users/me");
    }

    /**
     * Sends one case as the caller. A 429 is the rate limiter doing its job, not the case's answer:
     * the request waits out {@code Retry-After} and is sent again (the 429 itself must still be problem+json).
     */
    static RawHttp.Response send(Case testCase, Caller caller) {
        var request = testCase.request();
        if (caller != Caller.ANONYMOUS && !testCase.ownAuthorization()) {
            var headers = new ArrayList<Header>();
            headers.add(Header.of("Authorization", TOKENS.get(caller).bearer()));
            headers.addAll(request.headers());
            request = new RawHttp.Request(request.method(), request.target(), headers, request.body());
        }
        RawHttp.Response response = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            response = HTTP.send(request);
            if (response.status() != 429 || problemError(response) != null) {
                return response;
            }
            var wait = response.header("Retry-After")
                    .map(String::trim)
                    .map(Long::parseLong)
                    .orElse(1L);
            Platform.sleep(Duration.ofSeconds(Math.min(wait, 10))); // obeying the limiter, not waiting for a state
        }
        return response;
    }

    /** Why the outcome breaks the rules, or null when it keeps them. */
    static String verdict(Outcome outcome) {
        var c = outcome.testCase();
        var response = outcome.response();
        var status = response.status();
        String problem = null;
        if (status == 0) {
            problem = "no answer (" + response.error() + ")";
        } else if (status >= 500) {
            problem = "server error";
        } else if (c.expect().exact() != 0 && status != c.expect().exact()) {
            problem = "expected " + c.expect().exact();
        } else if (c.expect().refuse() && status < 400) {
            problem = "malformed input accepted";
        } else if (status >= 400) {
            problem = problemError(response);
        }
        if (problem == null) {
            return null;
        }
        return status + " " + problem + " | " + c.request().method() + " "
                + c.request().targetText() + " | "
                + c.operation().describe() + " | " + c.name() + " | as "
                + outcome.caller().name().toLowerCase(Locale.ROOT)
                + " | Content-Type " + response.header("Content-Type").orElse("none") + " | trace "
                + response.header("X-Trace-Id").orElse("none") + " | body: " + abbreviate(response.body());
    }

    /** Why a 4xx is not RFC 9457 problem+json with the right status, or null when it is. */
    static String problemError(RawHttp.Response response) {
        if (!response.header("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "error is not application/problem+json";
        }
        try {
            var body = Platform.JSON.readTree(response.body());
            if (body.path("status").asInt() != response.status()) {
                return "problem status " + body.path("status") + " differs from HTTP " + response.status();
            }
            return null;
        } catch (RuntimeException ex) {
            return "problem body is not JSON";
        }
    }

    /**
     * How many of each kind of shop data exist, as the admin (and the corpus customer) see them. The
     * blocklist is not counted: it lives in the Redis that the gateway's own integration tests share
     * on a developer machine, so its size changes under a run that blocks nothing.
     */
    static Map<String, Long> shopData() {
        var admin = TOKENS.get(Caller.ADMIN).bearer();
        var customer = TOKENS.get(Caller.CUSTOMER).bearer();
        var counts = new LinkedHashMap<String, Long>();
        counts.put("products", total(Platform.get("/api/v1/products?size=1", admin), "totalItems"));
        counts.put("orders", total(Platform.get("/api/v1/orders?all=true&size=1", admin), "totalElements"));
        counts.put("users", total(Platform.get("/api/v1/users?size=1", admin), "totalItems"));
        counts.put("categories", total(Platform.get("/api/v1/categories", admin), null));
        counts.put(
                "the corpus customer's addresses", total(Platform.get("/api/v1/users/me/addresses", customer), null));
        return counts;
    }

    static long total(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(Platform.describe(response)).isEqualTo(200);
        var body = Platform.json(response);
        if (field != null) {
            return body.path(field).asLong();
        }
        return body.isArray() ? body.size() : body.path("items").size();
    }

    /** The next system test starts with full buckets, not with what the corpus left of them. */
    static void leaveTheRateLimitBucketsRefilled() {
        for (var bearer : Arrays.asList(
                null,
                TOKENS.get(Caller.ADMIN).bearer(),
                TOKENS.get(Caller.CUSTOMER).bearer())) {
            Awaitility.await("rate-limit bucket refilled")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        var response = Platform.get("/api/v1/categories", bearer);
                        var limit = response.headers()
                                .firstValue("X-RateLimit-Limit")
                                .map(Long::parseLong)
                                .orElse(0L);
                        var left = response.headers()
                                .firstValue("X-RateLimit-Remaining")
                                .map(Long::parseLong)
                                .orElse(0L);
                        return left >= limit / 2;
                    });
        }
    }

    /** The broken Authorization cases count as failed authentications of this machine: clear them. */
    static void clearFailedAuthentications() {
        var admin = TOKENS.get(Caller.ADMIN).bearer();
        for (var ip : List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1")) {
            var request = HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/v1/admin/blocklist/" + ip))
                    .header("Authorization", admin)
                    .DELETE()
                    .build();
            try {
                CLEANUP.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException ex) {
                throw new AssertionError("cannot clear the failed authentications of " + ip, ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    /**
     * The failures grouped by what came back and which case caused it ("400 error is not
     * application/problem+json | path-id-bad-percent/%zz"), counted, with the first one as the example:
     * a readable failure message however many cases fail.
     */
    static String byKind(List<String> failures) {
        var groups = new LinkedHashMap<String, List<String>>();
        for (var failure : failures) {
            var fields = failure.split(" \\| ");
            var key = fields.length > 3
                    ? fields[0] + " | " + fields[3].replaceAll("[0-9A-Fa-f-]{36}", "<uuid>")
                    : failure;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(failure);
        }
        var text = new StringBuilder();
        groups.forEach((key, members) ->
                text.append(String.format("%5d x %s%n        e.g. %s%n", members.size(), key, members.get(0))));
        return text.toString();
    }

    static void writeReport(List<Outcome> outcomes, List<String> failures, List<String> skipped, long seconds)
            throws IOException {
        var text = new StringBuilder();
        text.append("# malformed-input corpus, mode ")
                .append(MODE)
                .append(", ")
                .append(outcomes.size())
                .append(" requests in ")
                .append(seconds)
                .append(" s, ")
                .append(failures.size())
                .append(" failing\n");
        var byStatus = new TreeMap<Integer, Integer>();
        outcomes.forEach(o -> byStatus.merge(o.response().status(), 1, Integer::sum));
        text.append("# statuses: ").append(byStatus).append('\n');
        skipped.forEach(s -> text.append("# skipped: ").append(s).append('\n'));
        failures.forEach(f -> text.append(f).append('\n'));
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, text, StandardCharsets.UTF_8);
    }

    static String abbreviate(String body) {
        var flat = body == null ? "" : body.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
