package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The gateway is stateless (ADR 0023): an anonymous request creates no WebSession and sets no
 * cookie (a token-carrying one never did: the bearer path does not reach the session store). The session store's clock is read whenever a session is created,
 * so a counting clock shows whether requests reach the store: with Spring Security's default
 * (session-backed) context repository every request creates one, so ten requests read it at
 * least ten times. (One read per test run remains, not tied to the requests.)
 */
class StatelessRequestsIT extends GatewayIntegrationTest {

    static final int REQUESTS = 10;

    @Autowired
    WebSessionManager sessions;

    final AtomicInteger storeCalls = new AtomicInteger();
    InMemoryWebSessionStore store;
    Clock original;

    @BeforeEach
    void countSessionStoreUse() {
        service("catalog")
                .stubFor(WireMock.get(urlPathEqualTo("/api/v1/categories")).willReturn(okJson("[]")));
        // a cold route on this shared machine can exceed the 2 s time limit once: warm it first
        await("a warm route")
                .atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/v1/categories", null).statusCode(), status -> status == 200);
        store = (InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions).getSessionStore();
        original = store.getClock();
        store.setClock(new Clock() {
            @Override
            public ZoneId getZone() {
                return original.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return original.withZone(zone);
            }

            @Override
            public Instant instant() {
                storeCalls.incrementAndGet();
                return original.instant();
            }
        });
    }

    @AfterEach
    void restoreClock() {
        store.setClock(original);
    }

    @Test
    void anonymousReadsCreateNoSessionAndSetNoCookie() throws Exception {
        for (int i = 0; i < REQUESTS; i++) {
            var response = get("/api/v1/categories", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(storeCalls.get()).as("WebSession store calls").isLessThan(REQUESTS);
    }
}
