package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.TestTokens;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Body size limit, IP blocklist, failed-authentication blocks and X-Forwarded-For trust. */
class RequestProtectionIT extends GatewayIntegrationTest {

    static final String ALICE = TestTokens.bearer("alice", "customer");
    static final String ADMIN = TestTokens.bearer("admin", "admin", "customer");

    @Test
    void anOversizedBodyIsRefusedWith413BeforeReachingTheService() throws Exception {
        var big = "x".repeat(70 * 1024); // limit in tests: 64 KB
        var declared = send(request("/api/v1/orders")
                .header("Authorization", ALICE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(contentType(declared)).startsWith("application/problem+json");
        assertThat(declared.body()).contains("\"status\":413");

        // no Content-Length: a streamed (chunked) body is counted as it arrives
        var chunk = "x".repeat(8 * 1024);
        var chunkedBody = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            chunkedBody
                    .append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        chunkedBody.append("0\r\n\r\n");
        var chunked = raw(
                "127.0.0.1",
                "POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ALICE
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + chunkedBody);
        assertThat(chunked.getKey()).isEqualTo(413);
        assertThat(chunked.getValue()).containsIgnoringCase("content-type: application/problem+json");
        assertThat(service("order").findAll(postRequestedFor(urlEqualTo("/api/v1/orders"))))
                .isEmpty();

        var small = raw(
                "127.0.0.1",
                "POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ALICE
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "7\r\n{\"a\":1}\r\n0\r\n\r\n");
        assertThat(small.getKey()).as(small.getValue()).isEqualTo(200);
        assertThat(service("order")
                        .findAll(postRequestedFor(urlEqualTo("/api/v1/orders")))
                        .get(0)
                        .getBodyAsString())
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void anAdminBlocksAnIpWhichThenGets403UntilUnblocked() throws Exception {
        var ip = someClientIp();
        assertThat(getAs(ip, "/api/v1/products", null).statusCode()).isEqualTo(200);

        var block = send(request("/api/v1/admin/blocklist")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ip\":\"" + ip + "\",\"reason\":\"scraping\"}")));
        assertThat(block.statusCode()).isEqualTo(201);
        assertThat(get("/api/v1/admin/blocklist?limit=1000", ADMIN).body())
                .contains("\"ip\":\"" + ip + "\"", "scraping");

        var refused = getAs(ip, "/api/v1/products", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(contentType(refused)).startsWith("application/problem+json");
        assertThat(refused.body()).contains("ip-blocked");
        assertThat(getAs(ip, "/api/v1/orders", ALICE).statusCode())
                .as("a token does not help")
                .isEqualTo(403);
        assertThat(getAs(someClientIp(), "/api/v1/products", null).statusCode())
                .as("others unaffected")
                .isEqualTo(200);

        var unblock = send(request("/api/v1/admin/blocklist/" + ip)
                .header("Authorization", ADMIN)
                .DELETE());
        assertThat(unblock.statusCode()).isEqualTo(204);
        assertThat(getAs(ip, "/api/v1/products", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBlockWrittenByAnotherGatewayReplicaAppliesWithinTheCacheTtl() throws Exception {
        var ip = someClientIp();
        // this replica has just seen the IP allowed and keeps that verdict for up to 1 s
        assertThat(getAs(ip, "/api/v1/products", null).statusCode()).isEqualTo(200);
        // another replica's admin call: straight into the shared Redis, this replica is not told
        redisForCleanup.opsForValue().set("shop:gateway:blocked:" + ip, java.time.Instant.now() + "|other replica");
        try {
            long start = System.nanoTime();
            var status = org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> getAs(ip, "/api/v1/products", null).statusCode(), code -> code == 403);
            assertThat(status).isEqualTo(403);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .as("cache TTL 1 s, plus a loaded machine")
                    .isLessThan(java.time.Duration.ofSeconds(3));
        } finally {
            redisForCleanup.delete("shop:gateway:blocked:" + ip);
        }
    }

    @Test
    void onlyAdminsManageTheBlocklistAndInputIsValidated() throws Exception {
        var body = HttpRequest.BodyPublishers.ofString("{\"ip\":\"198.51.100.9\"}");
        assertThat(send(request("/api/v1/admin/blocklist")
                                .header("Content-Type", "application/json")
                                .POST(body))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(request("/api/v1/admin/blocklist")
                                .header("Authorization", ALICE)
                                .header("Content-Type", "application/json")
                                .POST(body))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/admin/blocklist", TestTokens.bearer("sre", "sre"))
                        .statusCode())
                .isEqualTo(403);

        var invalid = send(request("/api/v1/admin/blocklist")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ip\":\"evil.example.com\"}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(contentType(invalid)).startsWith("application/problem+json");
        assertThat(invalid.body()).contains("\"field\":\"ip\"");

        var missing = send(request("/api/v1/admin/blocklist/198.51.100.250")
                .header("Authorization", ADMIN)
                .DELETE());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void repeatedFailedAuthenticationsTemporarilyBlockTheIp() throws Exception {
        var ip = someClientIp();
        for (int i = 0; i < 5; i++) { // threshold in tests: 5
            assertThat(getAs(ip, "/api/v1/orders", TestTokens.wronglySigned("mallory", "admin"))
                            .statusCode())
                    .isEqualTo(401);
        }
        var blocked = getAs(ip, "/api/v1/orders", ALICE);
        assertThat(blocked.statusCode()).as("even with a valid token now").isEqualTo(403);
        assertThat(blocked.body()).contains("ip-temporarily-blocked");
        assertThat(getAs(someClientIp(), "/api/v1/orders", ALICE).statusCode()).isEqualTo(200);

        var unblock = send(request("/api/v1/admin/blocklist/" + ip)
                .header("Authorization", ADMIN)
                .DELETE());
        assertThat(unblock.statusCode()).as("an admin can lift it early").isEqualTo(204);
        assertThat(getAs(ip, "/api/v1/orders", ALICE).statusCode()).isEqualTo(200);
    }

    @Test
    void missingTokensAreNotCountedAsFailedAuthentications() throws Exception {
        var ip = someClientIp();
        for (int i = 0; i < 8; i++) {
            assertThat(getAs(ip, "/api/v1/orders", null).statusCode()).isEqualTo(401);
        }
        assertThat(getAs(ip, "/api/v1/orders", ALICE).statusCode()).isEqualTo(200);
    }

    @Test
    void xForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        var blockedIp = someClientIp();
        send(request("/api/v1/admin/blocklist")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ip\":\"" + blockedIp + "\",\"ttlSeconds\":120}")));

        // through the trusted proxy (127.0.0.1) the header names the client: blocked
        assertThat(getAs(blockedIp, "/api/v1/products", null).statusCode()).isEqualTo(403);
        // from 127.0.0.2, not a trusted proxy, the same header is a claim we ignore: the peer is the client
        var spoofed = rawGetFrom("127.0.0.2", "/api/v1/products", Map.of("X-Forwarded-For", blockedIp));
        assertThat(spoofed.getKey()).isEqualTo(200);

        // and a blocked client cannot escape by claiming another address through an untrusted hop
        var evading = getAs("10.9.8.7, " + blockedIp, "/api/v1/products", null);
        assertThat(evading.statusCode())
                .as("right-most untrusted hop is the client")
                .isEqualTo(403);
        send(request("/api/v1/admin/blocklist/" + blockedIp)
                .header("Authorization", ADMIN)
                .DELETE());
    }

    @Test
    void ratesAnonymousCallersByTheirRealAddress() throws Exception {
        var ip = someClientIp();
        var response = getAs(ip, "/api/v1/products?q=" + UUID.randomUUID(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("39"); // anonymous burst 40
    }

    /** A fresh /64 from the IPv6 documentation range (RFC 3849), so tests never share a bucket or a block. */
    static String someIpv6Network() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(random.nextInt(1, 0xffff)) + ":"
                + Integer.toHexString(random.nextInt(1, 0xffff));
    }

    @Test
    void anAdminBlockMatchesEverySpellingOfTheAddress() throws Exception {
        var network = someIpv6Network();
        var typed =
                network.toUpperCase().replace("2001:DB8:", "2001:0DB8:") + ":0:0:0:0007"; // as an admin might type it
        var canonical = network + "::7";
        var block = send(request("/api/v1/admin/blocklist")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ip\":\"" + typed + "\",\"ttlSeconds\":120}")));
        assertThat(block.statusCode()).isEqualTo(201);
        assertThat(block.body()).contains("\"ip\":\"" + canonical + "\"");
        assertThat(get("/api/v1/admin/blocklist?limit=1000", ADMIN).body()).contains("\"ip\":\"" + canonical + "\"");

        assertThat(getAs(canonical, "/api/v1/products", null).statusCode()).isEqualTo(403);
        assertThat(getAs(network + ":0:0:0:7", "/api/v1/products", null).statusCode())
                .isEqualTo(403);
        assertThat(getAs("[" + canonical + "]:443", "/api/v1/products", null).statusCode())
                .isEqualTo(403);
        assertThat(getAs(network + "::8", "/api/v1/products", null).statusCode())
                .as("an admin block is one address")
                .isEqualTo(200);

        var unblock = send(request("/api/v1/admin/blocklist/" + network + ":0:0:0:0007")
                .header("Authorization", ADMIN)
                .DELETE());
        assertThat(unblock.statusCode()).as("unblocked in yet another spelling").isEqualTo(204);
        assertThat(getAs(canonical, "/api/v1/products", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() throws Exception {
        var ip = someClientIp();
        send(request("/api/v1/admin/blocklist")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ip\":\"::ffff:" + ip + "\",\"ttlSeconds\":120}")));
        try {
            assertThat(getAs(ip, "/api/v1/products", null).statusCode()).isEqualTo(403);
            assertThat(getAs("::ffff:" + ip, "/api/v1/products", null).statusCode())
                    .isEqualTo(403);
        } finally {
            send(request("/api/v1/admin/blocklist/" + ip)
                    .header("Authorization", ADMIN)
                    .DELETE());
        }
    }

    @Test
    void entriesStoredBeforeNormalizationAreRewrittenAtStartUp() throws Exception {
        var network = someIpv6Network();
        var legacy = "shop:gateway:blocked:" + network.toUpperCase() + ":0:0:0:0009";
        redisForCleanup
                .opsForValue()
                .set(legacy, java.time.Instant.now() + "|typed by hand", java.time.Duration.ofMinutes(2));
        blocklist.normalizeStoredEntries();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Boolean.TRUE.equals(redisForCleanup.hasKey("shop:gateway:blocked:" + network + "::9")));
        assertThat(redisForCleanup.hasKey(legacy)).isFalse();
        assertThat(getAs(network + "::9", "/api/v1/products", null).statusCode())
                .isEqualTo(403);
        redisForCleanup.delete("shop:gateway:blocked:" + network + "::9");
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.prodev.shop.gateway.blocklist.IpBlocklist blocklist;

    @Test
    void rotatingAddressesInsideAnIpv6SlashSixtyFourEscapesNeitherTheLoginBlockNorTheRateLimit() throws Exception {
        var network = someIpv6Network();
        for (int i = 1; i <= 5; i++) { // threshold in tests: 5, each failure from another address of the /64
            assertThat(getAs(
                                    network + "::" + Integer.toHexString(i),
                                    "/api/v1/orders",
                                    TestTokens.wronglySigned("mallory", "customer"))
                            .statusCode())
                    .isEqualTo(401);
        }
        var blocked = getAs(network + ":ffff:ffff:ffff:ffff", "/api/v1/orders", ALICE);
        assertThat(blocked.statusCode()).as("a fresh address of the same /64").isEqualTo(403);
        assertThat(blocked.body()).contains("ip-temporarily-blocked");
        var neighbour = someIpv6Network();
        assertThat(getAs(neighbour + "::1", "/api/v1/orders", ALICE).statusCode())
                .as("another /64")
                .isEqualTo(200);

        var unblock = send(request("/api/v1/admin/blocklist/" + network + "::1")
                .header("Authorization", ADMIN)
                .DELETE());
        assertThat(unblock.statusCode())
                .as("lifting it for one address lifts it for its /64")
                .isEqualTo(204);
        assertThat(getAs(network + "::abc", "/api/v1/orders", ALICE).statusCode())
                .isEqualTo(200);

        // anonymous calls from one /64 draw from one bucket, however the addresses are spelled
        var rateNetwork = someIpv6Network();
        assertThat(getAs(rateNetwork + "::1", "/api/v1/products", null).statusCode())
                .isEqualTo(200);
        assertThat(getAs(rateNetwork.toUpperCase() + ":0:0:0:2", "/api/v1/products", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(redisForCleanup.keys("request_rate_limiter.{anonymous.ip:" + rateNetwork + ":*"))
                .containsExactlyInAnyOrder(
                        "request_rate_limiter.{anonymous.ip:" + rateNetwork + "::/64}.tokens",
                        "request_rate_limiter.{anonymous.ip:" + rateNetwork + "::/64}.timestamp");
        var mappedIp = someClientIp();
        assertThat(getAs("::ffff:" + mappedIp, "/api/v1/products", null).statusCode())
                .isEqualTo(200);
        assertThat(redisForCleanup.hasKey("request_rate_limiter.{anonymous.ip:" + mappedIp + "}.tokens"))
                .as("IPv4-mapped draws from the IPv4 bucket")
                .isTrue();
    }
}
