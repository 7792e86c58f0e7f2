package dev.prodev.shop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository around this module: the service modules and the rendered deploy/k8s layers. */
final class Repo {

    static final Path ROOT = locate();
    static final Path K8S = ROOT.resolve("deploy/k8s");

    /** The layers a user can apply, each rendered once per test JVM. */
    static final List<String> LAYERS = List.of("base", "overlays/dev", "overlays/prod");

    private static final Map<String, List<Map<String, Object>>> RENDERED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile List<ServiceModule> services;

    private Repo() {}

    private static Path locate() {
        var dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/k8s/base/kustomization.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "deploy/k8s not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The rendered manifests of a layer (a fresh deep copy: tests may not change each other's view). */
    static List<Map<String, Object>> manifests(String layer) {
        return Yaml.copy(RENDERED.computeIfAbsent(layer, l -> Kustomize.build(K8S.resolve(l))));
    }

    /** Every Spring Boot application module of the root pom (those with an application.yml). */
    static List<ServiceModule> services() {
        if (services == null) {
            var modules = new ArrayList<ServiceModule>();
            var matcher = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
            while (matcher.find()) {
                var dir = ROOT.resolve(matcher.group(1));
                if (Files.isRegularFile(dir.resolve("src/main/resources/application.yml"))) {
                    modules.add(ServiceModule.read(dir));
                }
            }
            services = List.copyOf(modules);
        }
        return services;
    }

    static ServiceModule service(String name) {
        return services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service module " + name));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
