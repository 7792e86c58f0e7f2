package dev.prodev.shop.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a service module tells a deployment: its name (= artifactId = spring.application.name),
 * its port, the environment variables it reads and the configuration it runs with. Read from
 * the sources, never from a copy, so a change in a service shows up here.
 *
 * @param placeholders every {@code ${VAR}} / {@code ${VAR:default}} in the service's resources and
 *                     Java sources and in those of the platform libraries it depends on, with its default (or null)
 * @param config       platform-web's shop-service-defaults.yml (when the service uses platform-web)
 *                     overlaid with the service's application.yml
 */
record ServiceModule(
        String name,
        Path dir,
        int port,
        Map<String, String> placeholders,
        Map<String, Object> config,
        List<String> platformLibraries) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    static ServiceModule read(Path dir) {
        var pom = Repo.read(dir.resolve("pom.xml"));
        var artifact =
                Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
        if (!artifact.find()) {
            throw new IllegalStateException("no artifactId in " + dir.resolve("pom.xml"));
        }
        var libraries = new ArrayList<String>();
        var dependency = Pattern.compile("<artifactId>platform-([a-z]+)</artifactId>\\s*(<scope>([a-z]+)</scope>)?")
                .matcher(pom);
        while (dependency.find()) {
            if (dependency.group(3) == null
                    || dependency.group(3).equals("compile")
                    || dependency.group(3).equals("runtime")) {
                libraries.add(dependency.group(1));
            }
        }
        var placeholders = new TreeMap<String, String>();
        var sources = new ArrayList<Path>();
        sources.addAll(Repo.files(dir.resolve("src/main/resources"), ".yml", ".yaml", ".properties"));
        sources.addAll(Repo.files(dir.resolve("src/main/java"), ".java"));
        for (var library : libraries) {
            var libDir = Repo.ROOT.resolve("platform").resolve(library);
            sources.addAll(Repo.files(libDir.resolve("src/main/resources"), ".yml", ".yaml", ".properties"));
            sources.addAll(Repo.files(libDir.resolve("src/main/java"), ".java"));
        }
        for (var source : sources) {
            var m = PLACEHOLDER.matcher(Repo.read(source));
            while (m.find()) {
                placeholders.merge(m.group(1), m.group(2) == null ? "" : m.group(2), (a, b) -> a);
            }
        }
        var config = new LinkedHashMap<String, Object>();
        if (libraries.contains("web")) {
            merge(config, Yaml.readOne(Repo.ROOT.resolve("platform/web/src/main/resources/shop-service-defaults.yml")));
        }
        merge(config, Yaml.readOne(dir.resolve("src/main/resources/application.yml")));
        var portValue = String.valueOf(Yaml.<Object>at(config, "server.port"));
        var port = PLACEHOLDER.matcher(portValue);
        int serverPort = Integer.parseInt(port.matches() ? port.group(2) : portValue);
        return new ServiceModule(artifact.group(1), dir, serverPort, placeholders, config, List.copyOf(libraries));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> m && into.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) m);
            } else {
                into.put(key, Yaml.copy(value));
            }
        });
    }

    /** A configuration value, or null. */
    String property(String dottedPath) {
        Object value = Yaml.at(config, dottedPath);
        return value == null ? null : String.valueOf(value);
    }

    boolean usesKafka() {
        return placeholders.containsKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    boolean usesDatabase() {
        return placeholders.containsKey("DB_HOST");
    }

    /** The Java sources of the service (not of the libraries). */
    List<String> javaSources() {
        return Repo.files(dir.resolve("src/main/java"), ".java").stream()
                .map(Repo::read)
                .toList();
    }
}
