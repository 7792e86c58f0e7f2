package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #12, identity: prod imports a realm nobody can log in to with a known password, and every
 * realm refuses weak passwords. deploy/keycloak/check proves the same against a real Keycloak.
 */
class IdentityTest {

    private static final String PROD = "overlays/prod";
    private static final Pattern MIN_LENGTH = Pattern.compile("(?:^|\\s)length\\((\\d+)\\)");
    private static final Pattern BLACKLIST = Pattern.compile("passwordBlacklist\\(([^)]+)\\)");

    @Test
    void theProdRealmHasNoUsersOnlyServiceAccountsWithoutCredentials() {
        var realm = Realm.of(Repo.manifests(PROD));
        assertThat(realm.humanUsers())
                .as("users in the prod realm")
                .extracting(u -> u.path("username").asText())
                .isEmpty();
        for (var user : realm.users()) {
            assertThat(user.has("credentials"))
                    .as("%s has credentials", user.path("username").asText())
                    .isFalse();
        }
        var prodJson = realm.json().toString();
        var demoUsers = Realm.of(Repo.manifests("overlays/dev")).humanUsers();
        assertThat(demoUsers)
                .as("dev keeps its demo users")
                .extracting(u -> u.path("username").asText())
                .contains("alice", "bob", "admin", "sre");
        for (var demo : demoUsers) {
            assertThat(prodJson)
                    .as("demo user %s in prod", demo.path("username").asText())
                    .doesNotContain(demo.path("email").asText())
                    .doesNotContain(demo.path("id").asText("no id"));
        }
    }

    /** Browsers: authorization code + PKCE S256; machines: client credentials. Nobody: the password grant. */
    @Test
    void noProdClientAllowsThePasswordGrantAndPublicClientsRequirePkceS256() {
        var realm = Realm.of(Repo.manifests(PROD));
        assertThat(realm.clients()).isNotEmpty();
        for (var client : realm.clients()) {
            var id = client.path("clientId").asText();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(true))
                    .as("%s: direct access grants", id)
                    .isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean(false))
                    .as("%s: implicit flow", id)
                    .isFalse();
            if (client.path("publicClient").asBoolean(false)) {
                assertThat(client.path("attributes")
                                .path("pkce.code.challenge.method")
                                .asText())
                        .as("%s: PKCE method", id)
                        .isEqualTo("S256");
                assertThat(client.path("serviceAccountsEnabled").asBoolean(false))
                        .as(id)
                        .isFalse();
                for (var redirect : client.path("redirectUris")) {
                    assertThat(redirect.asText())
                            .as("%s redirect URI", id)
                            .startsWith("https://")
                            .doesNotContain("localhost");
                }
            } else {
                assertThat(client.path("secret").asText())
                        .as("%s: the secret comes from the environment", id)
                        .matches("\\$\\{[A-Z_]+}");
            }
        }
        assertThat(realm.clients())
                .as("machines use client credentials")
                .anyMatch(c -> c.path("serviceAccountsEnabled").asBoolean()
                        && !c.path("publicClient").asBoolean());
    }

    @Test
    void theProdRealmRequiresAVerifiedEmailAndSendsMailOverStartTls() {
        var realm = Realm.of(Repo.manifests(PROD)).json();
        assertThat(realm.path("verifyEmail").asBoolean()).isTrue();
        // external: browsers must use https; the services' in-cluster calls (JWKS, user-service's
        // Admin API token over http://keycloak:8180) come from private pod addresses
        assertThat(realm.path("sslRequired").asText()).isIn("external", "all");
        var smtp = realm.path("smtpServer");
        assertThat(smtp.path("starttls").asText()).isEqualTo("true");
        assertThat(smtp.path("auth").asText()).isEqualTo("true");
        for (var field : new String[] {"host", "port", "user", "password", "from"}) {
            assertThat(smtp.path(field).asText())
                    .as("smtpServer.%s from the environment", field)
                    .matches("\\$\\{[A-Z_]+}");
        }
    }

    /** Every layer, dev included: at least 12 characters, not the username or email, not a common password. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void everyRealmHasAPasswordPolicyAndKeycloakHasItsCommonPasswordList(String layer) {
        var docs = Repo.manifests(layer);
        var policy = Realm.of(docs).passwordPolicy();
        var length = MIN_LENGTH.matcher(policy);
        assertThat(length.find())
                .as("%s: a length(n) policy in '%s'", layer, policy)
                .isTrue();
        assertThat(Integer.parseInt(length.group(1))).isGreaterThanOrEqualTo(12);
        assertThat(policy.split("\\s+and\\s+")).as(layer).contains("notUsername", "notEmail");

        var blacklist = BLACKLIST.matcher(policy);
        assertThat(blacklist.find())
                .as("%s: a passwordBlacklist(file) policy", layer)
                .isTrue();
        var file = blacklist.group(1);
        // Keycloak reads <file> from data/password-blacklists/: a ConfigMap mounted there holds it
        var lists = Yaml.map(
                Manifest.get(docs, "ConfigMap", "keycloak-password-blacklists").get("data"));
        assertThat(lists).containsKey(file);
        var words = ((String) lists.get(file)).lines().toList();
        assertThat(words)
                .as("the list ships common passwords that pass the length rule")
                .contains("password1234", "123456789012", "qwertyuiop12")
                .hasSizeGreaterThan(100);
        var pod = Yaml.map(Yaml.at(Manifest.get(docs, "Deployment", "keycloak"), "spec.template.spec"));
        var volume = Yaml.list(pod.get("volumes")).stream()
                .map(Yaml::map)
                .filter(v -> "keycloak-password-blacklists".equals(Yaml.at(v, "configMap.name")))
                .findFirst()
                .orElseThrow();
        assertThat(Manifest.containers(Manifest.get(docs, "Deployment", "keycloak"))
                        .getFirst()
                        .get("volumeMounts"))
                .asList()
                .anyMatch(m -> volume.get("name").equals(Yaml.map(m).get("name"))
                        && "/opt/keycloak/data/password-blacklists"
                                .equals(Yaml.map(m).get("mountPath")));
    }

    /** The realm file the dev realm and deploy/local import carries the same policy and the list the local Keycloak installs. */
    @Test
    void theLocalPlatformInstallsTheCommonPasswordList() {
        var up = Repo.read(Repo.ROOT.resolve("deploy/local/up"));
        assertThat(up).contains("data/password-blacklists").contains("deploy/keycloak/password-blacklists");
        var compose = Repo.read(Repo.ROOT.resolve("deploy/compose/compose.yaml"));
        assertThat(compose).contains("../keycloak/password-blacklists:/opt/keycloak/data/password-blacklists");
    }
}
