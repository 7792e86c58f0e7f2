package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest is a resource the cluster accepts as written: no unknown fields, no committed secrets. */
class ManifestModelTest {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|PRIVATE_KEY).*");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void everyResourceParsesWithoutUnknownFieldsExceptTheFewWithoutAJavaModel(String layer) {
        var docs = Repo.manifests(layer);
        assertThat(docs).isNotEmpty();
        for (var doc : docs) {
            var type = StrictModel.typeOf(doc);
            if (StrictModel.CUSTOM.contains(type)) {
                assertThat(Yaml.<Object>at(doc, "spec"))
                        .as("%s has a spec", Manifest.id(doc))
                        .isInstanceOf(Map.class);
                assertThat(Manifest.name(doc)).as("%s name", type).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            } else {
                StrictModel.parse(doc); // throws with every unknown field named
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void noSecretValueIsCommitted(String layer) {
        var docs = Repo.manifests(layer);
        assertThat(docs).noneMatch(d -> "Secret".equals(Manifest.kind(d)));
        for (var doc : docs) {
            for (var container : Manifest.containers(doc)) {
                for (var env : Yaml.list(container.get("env"))) {
                    var name = (String) Yaml.map(env).get("name");
                    if (SECRET_NAME.matcher(name).matches()) {
                        assertThat(Yaml.map(env))
                                .as("%s sets %s: secrets come from secretKeyRef, never a value", Manifest.id(doc), name)
                                .doesNotContainKey("value")
                                .containsKey("valueFrom");
                    }
                }
            }
        }
        for (var configMap : Manifest.ofKind(docs, "ConfigMap")) {
            assertThat(Yaml.map(configMap.get("data")).keySet())
                    .as("%s holds no secret", Manifest.id(configMap))
                    .noneMatch(k -> SECRET_NAME.matcher(k).matches());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void resourcesAreUniqueAndEveryContainerSetsEachVariableOnce(String layer) {
        var ids = new HashSet<String>();
        for (var doc : Repo.manifests(layer)) {
            assertThat(ids.add(Manifest.id(doc)))
                    .as("duplicate %s", Manifest.id(doc))
                    .isTrue();
            for (var container : Manifest.containers(doc)) {
                var names = new HashSet<String>();
                for (var env : Yaml.list(container.get("env"))) {
                    var name = (String) Yaml.map(env).get("name");
                    assertThat(names.add(name))
                            .as("%s sets %s twice", Manifest.id(doc), name)
                            .isTrue();
                }
            }
        }
    }

    /** A secret the manifests reference is either created by an operator or listed in docs/deploy.md for the user to create. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void everyReferencedConfigMapExistsAndEverySecretIsCreatedByAnOperatorOrDocumented(String layer) {
        var docs = Repo.manifests(layer);
        var configMaps = new TreeSet<String>();
        Manifest.ofKind(docs, "ConfigMap").forEach(c -> configMaps.add(Manifest.name(c)));
        var operatorSecrets = new TreeSet<String>();
        Manifest.ofKind(docs, "KafkaUser").forEach(u -> operatorSecrets.add(Manifest.name(u)));
        var guide = Repo.read(Repo.ROOT.resolve("docs/deploy.md"));
        for (var doc : docs) {
            var podSpec = Yaml.map(Yaml.at(doc, "spec.template.spec"));
            for (var volume : Yaml.list(podSpec.get("volumes"))) {
                var name = Yaml.<String>at(volume, "configMap.name");
                if (name != null) {
                    assertThat(configMaps)
                            .as("%s mounts ConfigMap %s", Manifest.id(doc), name)
                            .contains(name);
                }
            }
            for (var container : Manifest.containers(doc)) {
                for (var from : Yaml.list(container.get("envFrom"))) {
                    var name = Yaml.<String>at(from, "configMapRef.name");
                    assertThat(configMaps)
                            .as("%s reads ConfigMap %s", Manifest.id(doc), name)
                            .contains(name);
                }
                for (var env : Yaml.list(container.get("env"))) {
                    var secret = Yaml.<String>at(env, "valueFrom.secretKeyRef.name");
                    if (secret != null && !operatorSecrets.contains(secret)) {
                        assertThat(guide)
                                .as(
                                        "docs/deploy.md tells the user to create secret %s (used by %s)",
                                        secret, Manifest.id(doc))
                                .contains("`" + secret + "`");
                    }
                }
            }
        }
        for (var cluster : Manifest.ofKind(docs, "Cluster")) {
            for (var role : Yaml.list(Yaml.at(cluster, "spec.managed.roles"))) {
                var secret = Yaml.<String>at(role, "passwordSecret.name");
                assertThat(guide)
                        .as("docs/deploy.md tells the user to create secret %s", secret)
                        .contains("`" + secret + "`");
            }
        }
    }
}
