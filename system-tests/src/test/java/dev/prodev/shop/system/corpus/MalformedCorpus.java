package dev.prodev.shop.system.corpus;

import dev.prodev.shop.system.corpus.RawHttp.Header;
import dev.prodev.shop.system.corpus.RawHttp.Request;
import dev.prodev.shop.system.support.Platform;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The malformed requests for one operation: its path ids, query parameters, headers and body,
 * each broken in the ways attackers and buggy clients break them (huge, wrong types, nulls,
 * unicode and emoji, duplicate keys, NUL bytes, bad percent-encodings, deep nesting, broken
 * JSON, wrong content types, junk and overlong ids). Everything is derived from the operation's
 * OpenAPI description and is deterministic: the same platform gives the same cases.
 * <p>
 * Every base value is chosen so that no case can create anything even when a mutation is
 * ignored: ids are random (unknown) UUIDs, and the sample body's strings are {@code "corpus"},
 * which fails the patterns (currency, country, IP) and formats (email) of the creating requests.
 * {@link Mode#SAMPLE} (CI) takes the first variant of every kind of damage; {@link Mode#FULL}
 * takes every variant and also damages each body field on its own.
 */
public final class MalformedCorpus {

    public enum Mode {
        SAMPLE,
        FULL
    }

    /**
     * What the answer must be besides "not 5xx, and problem+json on 4xx": {@code exact} a status
     * (413, 414, 431), {@code refuse} any 4xx (the input cannot be meant), or neither (any non-5xx).
     */
    public record Expect(int exact, boolean refuse) {
        static final Expect ANY = new Expect(0, false);
        static final Expect REFUSE = new Expect(0, true);

        static Expect status(int status) {
            return new Expect(status, true);
        }
    }

    /** One malformed request; {@code ownAuthorization} cases carry their own (broken) Authorization header. */
    public record Case(
            ApiOperation operation,
            String kind,
            String variant,
            Request request,
            Expect expect,
            boolean ownAuthorization) {
        public String name() {
            return kind + "/" + variant;
        }
    }

    static final String SAMPLE_STRING = "corpus";
    /** The id every sample body names: fixed, so runs are comparable, and owned by nothing. */
    static final UUID UNKNOWN_ID = UUID.nameUUIDFromBytes("malformed-input corpus".getBytes(StandardCharsets.UTF_8));
    /** Stands for lone surrogates until the JSON text is written (a JSON writer refuses or replaces them). */
    static final String LONE_SURROGATES = "corpus-lone-surrogates";
    /** Stands for deeply nested arrays until the JSON text is written (deeper than the writer's own limit). */
    static final String NESTED = "corpus-nested";

    static final byte[] NO_BODY = null;

    private final Mode mode;
    private final List<Case> cases = new ArrayList<>();

    private MalformedCorpus(Mode mode) {
        this.mode = mode;
    }

    public static List<Case> of(ApiOperation operation, Mode mode) {
        var corpus = new MalformedCorpus(mode);
        if ("graphql".equals(operation.document())) {
            corpus.graphql(operation);
        } else {
            corpus.path(operation);
            corpus.query(operation);
            corpus.headers(operation);
            corpus.body(operation);
        }
        return corpus.cases;
    }

    /**
     * Broken Authorization headers, against one protected operation only: each one counts as a failed
     * authentication of the test machine's address (20 a minute block it for 15 minutes), so the
     * corpus sends fewer than that and the test clears the count afterwards.
     */
    public static List<Case> brokenAuthorization(ApiOperation operation) {
        var corpus = new MalformedCorpus(Mode.FULL);
        var target = corpus.target(operation, null, null, "");
        for (var value : List.of(
                "Bearer",
                "Bearer 🦄",
                "Basic YWxpY2U6YWxpY2U=",
                "Bearer a.b.c",
                "Bearer " + "A".repeat(6000),
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            corpus.cases.add(new Case(
                    operation,
                    "authorization",
                    abbreviate(value),
                    new Request(
                            operation.method(),
                            bytes(target),
                            List.of(Header.of("Authorization", value)),
                            operation.hasBody() ? bytes("{}") : NO_BODY),
                    Expect.REFUSE,
                    true)); // 401, or 400 invalid_request for a token that is not even b64token
        }
        return corpus.cases;
    }

    // ---------------------------------------------------------------- path

    void path(ApiOperation op) {
        var pathParams = op.params("path");
        if (pathParams.isEmpty()) {
            // no id to damage: damage the path itself right after the operation's own path
            for (var suffix : variants(List.of("%00", "%zz", "%c0%af", "..%2F..%2Factuator%2Fenv", "%F0%9F%A6%84"))) {
                add(
                        op,
                        "path-suffix",
                        suffix,
                        target(op, null, null, "") + "/" + suffix,
                        List.of(),
                        baseBody(op),
                        Expect.REFUSE);
            }
            return;
        }
        for (var param : pathParams) {
            var damaged = new ArrayList<String[]>();
            damaged.add(new String[] {"junk", "not-a-" + (param.format() == null ? "thing" : param.format())});
            damaged.add(new String[] {"overlong", "9".repeat(3000)});
            damaged.add(new String[] {"nul-encoded", "abc%00def"});
            damaged.add(new String[] {"bad-percent", "%zz"});
            damaged.add(new String[] {"emoji", "%F0%9F%A6%84%E2%80%AE"});
            damaged.add(new String[] {"traversal", "..%2F..%2Factuator%2Fenv"});
            damaged.add(new String[] {"overlong-utf8", "%c0%af"});
            if (mode == Mode.FULL) {
                damaged.add(new String[] {"bad-percent", "%"});
                damaged.add(new String[] {"bad-percent", "%e2%82"});
                damaged.add(new String[] {"nul-raw", "abc\0def"});
                damaged.add(new String[] {"negative", "-1"});
                damaged.add(new String[] {"huge-number", "99999999999999999999999999"});
                damaged.add(new String[] {
                    "uuid-uppercase-braces", "{" + harmless(op, param).toUpperCase(Locale.ROOT) + "}"
                });
                damaged.add(new String[] {"dot-segment", "%2e%2e"});
                damaged.add(new String[] {"sql", "1'%20OR%20'1'='1"});
            }
            for (var pair : damaged) {
                add(
                        op,
                        "path-" + param.name() + "-" + pair[0],
                        abbreviate(pair[1]),
                        target(op, param.name(), pair[1], ""),
                        List.of(),
                        baseBody(op),
                        Expect.REFUSE);
            }
        }
    }

    // ---------------------------------------------------------------- query

    void query(ApiOperation op) {
        for (var param : op.params("query")) {
            var values = new ArrayList<Object[]>();
            switch (param.type()) {
                case "integer" -> {
                    values.add(new Object[] {"wrong-type", "abc", Expect.REFUSE});
                    values.add(new Object[] {"overflow", "99999999999999999999", Expect.REFUSE});
                    values.add(new Object[] {"negative", "-1", Expect.ANY});
                    values.add(new Object[] {"huge", "2147483647", Expect.ANY});
                    if (mode == Mode.FULL) {
                        values.add(new Object[] {"float", "1.5", Expect.ANY});
                        values.add(new Object[] {"emoji", "%F0%9F%A6%84", Expect.REFUSE});
                    }
                }
                case "number" -> {
                    values.add(new Object[] {"wrong-type", "abc", Expect.REFUSE});
                    values.add(new Object[] {"huge", "1e400", Expect.ANY});
                    if (mode == Mode.FULL) {
                        values.add(new Object[] {"nan", "NaN", Expect.ANY});
                        values.add(new Object[] {"infinity", "-Infinity", Expect.ANY});
                        values.add(new Object[] {"big-exponent", "1e999999999", Expect.ANY});
                    }
                }
                case "boolean" -> values.add(new Object[] {"wrong-type", "maybe", Expect.REFUSE});
                default -> {
                    if ("uuid".equals(param.format())) {
                        values.add(new Object[] {"wrong-type", "not-a-uuid", Expect.REFUSE});
                    }
                    values.add(new Object[] {"emoji", "%F0%9F%A6%84%F0%9F%91%A9%E2%80%8D%F0%9F%92%BB", Expect.ANY});
                    values.add(new Object[] {"long", "x".repeat(3000), Expect.ANY});
                    if (mode == Mode.FULL) {
                        values.add(new Object[] {"rtl-zero-width", "%E2%80%AEabc%E2%80%8B", Expect.ANY});
                        values.add(new Object[] {"sql", "%27%20OR%201%3D1--", Expect.ANY});
                        values.add(new Object[] {"like-wildcards", "%25%25_%5C", Expect.ANY});
                    }
                }
            }
            values.add(new Object[] {"empty", "", Expect.ANY});
            values.add(new Object[] {"nul", "a%00b", Expect.ANY});
            values.add(new Object[] {"bad-percent", "%zz", Expect.REFUSE});
            values.add(new Object[] {"invalid-utf8", "%ff%fe", Expect.ANY});
            if (mode == Mode.FULL) {
                values.add(new Object[] {"bad-percent", "%", Expect.REFUSE});
                values.add(new Object[] {"repeated", "1&" + param.name() + "=abc", Expect.ANY});
            }
            for (var value : values) {
                add(
                        op,
                        "query-" + param.name() + "-" + value[0],
                        abbreviate((String) value[1]),
                        target(op, null, null, param.name() + "=" + value[1]),
                        List.of(),
                        baseBody(op),
                        (Expect) value[2]);
            }
        }
        // whatever the operation, a query string nobody should send
        add(
                op,
                "query",
                "huge (10 KB, 414)",
                target(op, null, null, "q=" + "x".repeat(10_000)),
                List.of(),
                baseBody(op),
                Expect.status(414));
        add(
                op,
                "query",
                "brackets in names",
                target(op, null, null, "a[b][c]=1&__proto__[x]=1"),
                List.of(),
                baseBody(op),
                Expect.ANY);
        add(op, "query", "NUL-encoded name", target(op, null, null, "%00=1"), List.of(), baseBody(op), Expect.ANY);
        add(op, "query", "empty names", target(op, null, null, "=&&=1"), List.of(), baseBody(op), Expect.ANY);
        if (mode == Mode.FULL) {
            add(
                    op,
                    "query",
                    "many parameters",
                    target(op, null, null, "p=1&".repeat(900)),
                    List.of(),
                    baseBody(op),
                    Expect.ANY);
            add(op, "query", "raw NUL", target(op, null, null, "a=\0"), List.of(), baseBody(op), Expect.REFUSE);
        }
    }

    // ---------------------------------------------------------------- headers

    void headers(ApiOperation op) {
        var base = target(op, null, null, "");
        add(
                op,
                "header",
                "huge (16 KB, 431)",
                base,
                List.of(Header.of("X-Corpus", "h".repeat(16_000))),
                baseBody(op),
                Expect.status(431));
        add(
                op,
                "header",
                "raw UTF-8 and emoji value",
                base,
                List.of(Header.of("X-Corpus", "ünïcødé 🦄 \u202Eevil")),
                baseBody(op),
                Expect.ANY);
        add(
                op,
                "header",
                "NUL in value",
                base,
                List.of(new Header(bytes("X-Corpus"), new byte[] {'a', 0, 'b'})),
                baseBody(op),
                Expect.ANY);
        add(
                op,
                "header",
                "Accept: application/xml",
                base,
                List.of(Header.of("Accept", "application/xml")),
                baseBody(op),
                Expect.ANY);
        var many = new ArrayList<Header>();
        for (int i = 0; i < 150; i++) {
            many.add(Header.of("X-Corpus-" + i, "v"));
        }
        add(op, "header", "150 headers", base, many, baseBody(op), Expect.ANY);
        if (mode == Mode.FULL) {
            add(
                    op,
                    "header",
                    "invalid header name",
                    base,
                    List.of(Header.of("X Corpus(", "v")),
                    baseBody(op),
                    Expect.REFUSE);
            add(op, "header", "junk Host", base, List.of(Header.of("Host", "evil.example")), baseBody(op), Expect.ANY);
            add(
                    op,
                    "header",
                    "spoofed forwarding",
                    base,
                    List.of(
                            Header.of("X-Forwarded-For", "::1, 🦄, 999.1.1.1"),
                            Header.of("Forwarded", "for=\"[::1\";proto=gopher")),
                    baseBody(op),
                    Expect.ANY);
            add(
                    op,
                    "header",
                    "bad traceparent",
                    base,
                    List.of(Header.of("traceparent", "00-zz-🦄-01")),
                    baseBody(op),
                    Expect.ANY);
        }
        for (var param : op.params("header")) {
            var values = new ArrayList<String[]>();
            values.add(new String[] {"emoji", "🦄\"unterminated"});
            // long, yet within the 8 KB of headers a token leaves room for
            values.add(new String[] {"long (4 KB)", "k".repeat(4_000)});
            if (mode == Mode.FULL) {
                values.add(new String[] {"empty", ""});
                values.add(new String[] {"star", "*"});
                values.add(new String[] {"NUL encoded", "%00"});
            }
            for (var value : values) {
                add(
                        op,
                        "header-" + param.name(),
                        value[0],
                        base,
                        List.of(Header.of(param.name(), value[1])),
                        baseBody(op),
                        Expect.ANY);
            }
        }
    }

    // ---------------------------------------------------------------- body

    void body(ApiOperation op) {
        if (!List.of("POST", "PUT", "PATCH").contains(op.method())) {
            return;
        }
        var declared = op.bodySchema() != null;
        // an operation that declares no body ignores one; it must still not fall over
        var syntax = declared ? Expect.REFUSE : Expect.ANY;
        var target = target(op, null, null, "");
        addJson(op, "body-broken", "truncated", target, bytes("{\"a\":"), syntax);
        addJson(op, "body-broken", "single quotes", target, bytes("{'a':1}"), syntax);
        addJson(op, "body-not-json", "xml", target, bytes("<corpus><a>1</a></corpus>"), syntax);
        addJson(
                op,
                "body-empty",
                "no bytes",
                target,
                new byte[0],
                declared && op.bodyRequired() ? Expect.REFUSE : Expect.ANY);
        addJson(op, "body-top-level", "array", target, bytes("[]"), syntax);
        addJson(
                op,
                "body-top-level",
                "null",
                target,
                bytes("null"),
                declared && op.bodyRequired() ? Expect.REFUSE : Expect.ANY);
        addJson(
                op,
                "body-huge",
                "2 MB (413)",
                target,
                bytes("{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"),
                Expect.status(413));
        addJson(
                op,
                "body-deep",
                "10 000 nested arrays",
                target,
                bytes("[".repeat(10_000) + "]".repeat(10_000)),
                syntax);
        addJson(
                op,
                "body-deep",
                "10 000 nested objects",
                target,
                bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
                syntax);
        addJson(op, "body-nul", "raw NUL byte", target, bytes("{\"a\":\"x\0y\"}"), syntax);
        addJson(
                op,
                "body-unicode",
                "invalid UTF-8",
                target,
                concat(bytes("{\"a\":\""), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE}, bytes("\"}")),
                syntax);
        addJson(op, "body-number", "NaN literal", target, bytes("{\"a\":NaN}"), syntax);
        for (var type : variants(List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=corpus",
                "garbage",
                "application/json; charset=nonsense"))) {
            add(
                    op,
                    "body-content-type",
                    type,
                    target,
                    List.of(Header.of("Content-Type", type)),
                    bytes("{}"),
                    declared ? Expect.REFUSE : Expect.ANY);
        }
        add(op, "body-content-type", "none", target, List.of(), bytes("{}"), declared ? Expect.REFUSE : Expect.ANY);
        if (mode == Mode.FULL) {
            addJson(op, "body-broken", "trailing comma", target, bytes("{\"a\":1,}"), syntax);
            addJson(op, "body-broken", "comment", target, bytes("/* corpus */ {}"), syntax);
            addJson(op, "body-broken", "two documents", target, bytes("{} {}"), Expect.ANY);
            addJson(op, "body-top-level", "string", target, bytes("\"corpus\""), syntax);
            addJson(op, "body-top-level", "number", target, bytes("42"), syntax);
            addJson(
                    op,
                    "body-unicode",
                    "UTF-8 BOM",
                    target,
                    concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes("{}")),
                    Expect.ANY);
            addJson(op, "body-unicode", "UTF-16", target, "{}".getBytes(StandardCharsets.UTF_16), Expect.ANY);
            addJson(op, "body-number", "Infinity literal", target, bytes("{\"a\":-Infinity}"), syntax);
            addJson(op, "body-huge", "100 000-element array", target, bytes("[" + "1,".repeat(99_999) + "1]"), syntax);
            addJson(op, "body-huge", "900 KB key", target, bytes("{\"" + "k".repeat(900_000) + "\":1}"), Expect.ANY);
        }
        if (!declared) {
            return;
        }
        var schema = op.bodySchema();
        var sample = sample(schema);
        addJson(
                op,
                "body-wrong-types",
                "every field",
                target,
                bytes(write(mapFields(schema, MalformedCorpus::wrongType))),
                Expect.REFUSE);
        addJson(
                op,
                "body-nulls",
                "every field",
                target,
                bytes(write(mapFields(schema, s -> Platform.JSON.nullNode()))),
                required(schema).isEmpty() ? Expect.ANY : Expect.REFUSE);
        addJson(
                op,
                "body-nul",
                "\\u0000 in every string",
                target,
                bytes(write(mapStrings(sample, s -> "cor\u0000pus"))),
                Expect.ANY);
        addJson(
                op,
                "body-unicode",
                "lone surrogates and emoji in every string",
                target,
                bytes(write(mapStrings(sample, s -> LONE_SURROGATES))
                        .replace(LONE_SURROGATES, "\\ud800🦄\\udfff\\u202e")),
                Expect.ANY);
        addJson(
                op,
                "body-unicode",
                "emoji where a typed value belongs",
                target,
                bytes(write(mapFields(schema, MalformedCorpus::emojiForTyped))),
                emojiRefused(schema));
        addJson(
                op,
                "body-huge",
                "900 KB in every string",
                target,
                bytes(write(mapStrings(sample, s -> "x".repeat(900_000)))),
                Expect.ANY);
        addJson(
                op,
                "body-huge",
                "huge numbers",
                target,
                bytes(write(mapFields(schema, MalformedCorpus::hugeNumber))),
                Expect.ANY);
        addJson(
                op,
                "body-deep",
                "400 levels inside every object field",
                target,
                bytes(write(mapFields(schema, MalformedCorpus::nested))
                        .replace("\"" + NESTED + "\"", "[".repeat(400) + "]".repeat(400))),
                Expect.ANY);
        addJson(
                op,
                "body-duplicate-keys",
                "valid then wrong",
                target,
                duplicateKeys(schema, sample, false),
                Expect.ANY);
        addJson(op, "body-duplicate-keys", "wrong then valid", target, duplicateKeys(schema, sample, true), Expect.ANY);
        if (mode == Mode.FULL) {
            for (var field : schema.path("properties").properties()) {
                var wrong = sample.deepCopy();
                ((ObjectNode) wrong).set(field.getKey(), wrongType(field.getValue()));
                addJson(op, "body-field-wrong-type", field.getKey(), target, bytes(write(wrong)), Expect.REFUSE);
                if (required(schema).contains(field.getKey())) {
                    var nulled = sample.deepCopy();
                    ((ObjectNode) nulled).putNull(field.getKey());
                    addJson(op, "body-field-null", field.getKey(), target, bytes(write(nulled)), Expect.REFUSE);
                    var missing = sample.deepCopy();
                    ((ObjectNode) missing).remove(field.getKey());
                    addJson(op, "body-field-missing", field.getKey(), target, bytes(write(missing)), Expect.REFUSE);
                }
            }
            var unknown = sample.deepCopy();
            ((ObjectNode) unknown)
                    .put("__proto__", "corpus")
                    .put("id", UNKNOWN_ID.toString())
                    .put("status", "CONFIRMED")
                    .put("customerId", UNKNOWN_ID.toString());
            addJson(op, "body-extra-fields", "mass assignment", target, bytes(write(unknown)), Expect.ANY);
        }
    }

    // ---------------------------------------------------------------- GraphQL

    void graphql(ApiOperation op) {
        var target = op.path();
        addJson(op, "graphql", "query is a number", target, bytes("{\"query\":42}"), Expect.ANY);
        addJson(op, "graphql", "no query", target, bytes("{}"), Expect.ANY);
        addJson(op, "graphql", "broken syntax", target, bytes("{\"query\":\"{ products(\"}"), Expect.ANY);
        addJson(
                op,
                "graphql",
                "variables not an object",
                target,
                bytes("{\"query\":\"{ __typename }\",\"variables\":\"corpus\"}"),
                Expect.ANY);
        addJson(
                op,
                "graphql",
                "5 000 nested selections",
                target,
                bytes("{\"query\":\"" + "{a".repeat(5_000) + "}".repeat(5_000) + "\"}"),
                Expect.ANY);
        addJson(op, "graphql", "1 000 aliases", target, bytes("{\"query\":\"{" + aliases(1_000) + "}\"}"), Expect.ANY);
        addJson(
                op,
                "graphql",
                "NUL and emoji in the query",
                target,
                bytes("{\"query\":\"{ __typename \\u0000 🦄 }\"}"),
                Expect.ANY);
        addJson(op, "graphql", "broken JSON", target, bytes("{\"query\":"), Expect.REFUSE);
        addJson(
                op,
                "graphql",
                "2 MB (413)",
                target,
                bytes("{\"query\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"),
                Expect.status(413));
        add(
                op,
                "graphql",
                "content type text/plain",
                target,
                List.of(Header.of("Content-Type", "text/plain")),
                bytes("{\"query\":\"{ __typename }\"}"),
                Expect.ANY);
        add(
                op,
                "graphql",
                "huge header (431)",
                target,
                List.of(Header.of("X-Corpus", "h".repeat(16_000))),
                bytes("{\"query\":\"{ __typename }\"}"),
                Expect.status(431));
        if (mode == Mode.FULL) {
            addJson(
                    op,
                    "graphql",
                    "huge search text",
                    target,
                    bytes("{\"query\":\"{ products(q: \\\"" + "x".repeat(500_000) + "\\\") { items { id } } }\"}"),
                    Expect.ANY);
            addJson(
                    op,
                    "graphql",
                    "operationName unknown",
                    target,
                    bytes("{\"query\":\"{ __typename }\",\"operationName\":\"🦄\"}"),
                    Expect.ANY);
            addJson(op, "graphql", "batched array", target, bytes("[{\"query\":\"{ __typename }\"}]"), Expect.ANY);
            addJson(
                    op,
                    "graphql",
                    "deep nesting in variables",
                    target,
                    bytes("{\"query\":\"{ __typename }\",\"variables\":" + "{\"a\":".repeat(5_000) + "1"
                            + "}".repeat(5_000) + "}"),
                    Expect.ANY);
        }
    }

    static String aliases(int count) {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("a").append(i).append(": __typename ");
        }
        return text.toString();
    }

    // ---------------------------------------------------------------- building blocks

    private <T> List<T> variants(List<T> all) {
        return mode == Mode.FULL ? all : all.subList(0, Math.min(2, all.size()));
    }

    private void addJson(ApiOperation op, String kind, String variant, String target, byte[] body, Expect expect) {
        add(op, kind, variant, target, List.of(Header.of("Content-Type", "application/json")), body, expect);
    }

    private void add(
            ApiOperation op,
            String kind,
            String variant,
            String target,
            List<Header> headers,
            byte[] body,
            Expect expect) {
        add(op, kind, variant, bytes(target), headers, body, expect);
    }

    private void add(
            ApiOperation op,
            String kind,
            String variant,
            byte[] target,
            List<Header> headers,
            byte[] body,
            Expect expect) {
        var all = new ArrayList<Header>(headers);
        if (body != null
                && headers.stream()
                        .noneMatch(
                                h -> new String(h.name(), StandardCharsets.ISO_8859_1).equalsIgnoreCase("Content-Type"))
                && !"body-content-type".equals(kind)) {
            all.add(Header.of("Content-Type", "application/json"));
        }
        cases.add(new Case(
                op, kind, variant, new RawHttp.Request(op.method(), target, List.copyOf(all), body), expect, false));
    }

    /** The body every non-body case sends: an empty object, which every creating request refuses. */
    static byte[] baseBody(ApiOperation op) {
        return op.hasBody() || List.of("POST", "PUT", "PATCH").contains(op.method()) ? bytes("{}") : NO_BODY;
    }

    /** The operation's path with harmless values (unknown ids), one parameter replaced, and a query. */
    String target(ApiOperation op, String damagedName, String damagedValue, String query) {
        var path = op.path();
        for (var param : op.params("path")) {
            var value = param.name().equals(damagedName) ? damagedValue : harmless(op, param);
            path = path.replace("{" + param.name() + "}", value);
        }
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** A value that names nothing that exists, so no case changes shop data. */
    static String harmless(ApiOperation op, ApiOperation.Param param) {
        if ("uuid".equals(param.format())) {
            return UUID.nameUUIDFromBytes((op.describe() + param.name()).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        return switch (param.name()) {
            case "ip" -> "203.0.113.254";
            case "provider" -> "chapa";
            case "service" -> "user-service";
            case "sku" -> "CORPUS-NO-SUCH-SKU";
            default ->
                UUID.nameUUIDFromBytes((op.describe() + param.name()).getBytes(StandardCharsets.UTF_8))
                        .toString();
        };
    }

    /** A body shaped like the schema; its strings ("corpus") fail every pattern and format of the shop's requests. */
    static JsonNode sample(JsonNode schema) {
        return switch (schema.path("type").asString("object")) {
            case "object" -> {
                var object = Platform.JSON.createObjectNode();
                for (var property : schema.path("properties").properties()) {
                    object.set(property.getKey(), sample(property.getValue()));
                }
                yield object;
            }
            case "array" -> Platform.JSON.createArrayNode().add(sample(schema.path("items")));
            case "integer", "number" -> Platform.JSON.getNodeFactory().numberNode(1);
            case "boolean" -> Platform.JSON.getNodeFactory().booleanNode(true);
            default ->
                "uuid".equals(schema.path("format").asString(""))
                        ? Platform.JSON.getNodeFactory().stringNode(UNKNOWN_ID.toString())
                        : Platform.JSON.getNodeFactory().stringNode(SAMPLE_STRING);
        };
    }

    /** A value of a type no lenient parser turns into the declared one (Jackson coerces numbers to strings). */
    static JsonNode wrongType(JsonNode schema) {
        var nodes = Platform.JSON.getNodeFactory();
        return switch (schema.path("type").asString("object")) {
            case "string" -> Platform.JSON.createObjectNode().put("corpus", "wrong type");
            case "integer", "number" -> nodes.stringNode("not-a-number");
            case "boolean" -> nodes.stringNode("maybe");
            case "array" -> nodes.stringNode("not-an-array");
            default -> nodes.stringNode("not-an-object");
        };
    }

    static JsonNode emojiForTyped(JsonNode schema) {
        var type = schema.path("type").asString("object");
        var typed = !"string".equals(type) || schema.has("format") || schema.has("pattern");
        return Platform.JSON.getNodeFactory().stringNode(typed ? "🦄" : SAMPLE_STRING);
    }

    static Expect emojiRefused(JsonNode schema) {
        for (var property : schema.path("properties").properties()) {
            var type = property.getValue().path("type").asString("object");
            if (required(schema).contains(property.getKey())
                    && (!"string".equals(type)
                            || property.getValue().has("format")
                            || property.getValue().has("pattern"))) {
                return Expect.REFUSE;
            }
        }
        return Expect.ANY;
    }

    static JsonNode hugeNumber(JsonNode schema) {
        return switch (schema.path("type").asString("object")) {
            case "integer" -> Platform.JSON.getNodeFactory().numberNode(new BigInteger("9".repeat(40)));
            case "number" -> Platform.JSON.getNodeFactory().numberNode(new BigDecimal("1e400"));
            default -> sample(schema);
        };
    }

    static JsonNode nested(JsonNode schema) {
        if (!"object".equals(schema.path("type").asString("object"))
                && !"array".equals(schema.path("type").asString())) {
            return sample(schema);
        }
        return Platform.JSON.getNodeFactory().stringNode(NESTED);
    }

    static JsonNode mapFields(JsonNode schema, Function<JsonNode, JsonNode> value) {
        var object = Platform.JSON.createObjectNode();
        for (var property : schema.path("properties").properties()) {
            object.set(property.getKey(), value.apply(property.getValue()));
        }
        return object;
    }

    static JsonNode mapStrings(JsonNode node, Function<String, String> value) {
        if (node.isString()) {
            return Platform.JSON.getNodeFactory().stringNode(value.apply(node.asString()));
        }
        var copy = node.deepCopy();
        if (copy.isObject()) {
            for (var property : node.properties()) {
                ((ObjectNode) copy).set(property.getKey(), mapStrings(property.getValue(), value));
            }
        } else if (copy.isArray()) {
            var array = Platform.JSON.createArrayNode();
            node.forEach(item -> array.add(mapStrings(item, value)));
            return array;
        }
        return copy;
    }

    static List<String> required(JsonNode schema) {
        var names = new ArrayList<String>();
        schema.path("required").forEach(name -> names.add(name.asString()));
        return names;
    }

    /** Each field twice: the sample value and a wrong-typed one, in the given order (Jackson keeps the last). */
    static byte[] duplicateKeys(JsonNode schema, JsonNode sample, boolean wrongFirst) {
        var text = new StringBuilder("{");
        for (var property : schema.path("properties").properties()) {
            var name = write(Platform.JSON.getNodeFactory().stringNode(property.getKey()));
            var good = write(sample.path(property.getKey()));
            var bad = write(wrongType(property.getValue()));
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(name)
                    .append(':')
                    .append(wrongFirst ? bad : good)
                    .append(',')
                    .append(name)
                    .append(':')
                    .append(wrongFirst ? good : bad);
        }
        return bytes(text.append('}').toString());
    }

    static String write(JsonNode node) {
        return Platform.JSON.writeValueAsString(node);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String abbreviate(String value) {
        var printable = value.replace("\0", "\\0");
        return printable.length() > 40 ? printable.substring(0, 40) + "...(" + value.length() + " chars)" : printable;
    }
}
