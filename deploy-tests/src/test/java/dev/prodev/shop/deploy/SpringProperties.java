package dev.prodev.shop.deploy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Spring Boot's configuration metadata (META-INF/spring-configuration-metadata.json of the Boot
 * modules on this test classpath), so an environment variable in relaxed-binding form
 * (SPRING_KAFKA_SECURITY_PROTOCOL) is accepted only if it names a real property.
 */
final class SpringProperties {

    /** env form of each property name -> whether the property is a map (then any suffix binds to a key). */
    private static final Map<String, Boolean> PROPERTIES = load();

    private SpringProperties() {}

    private static Map<String, Boolean> load() {
        var out = new HashMap<String, Boolean>();
        var mapper = JsonMapper.builder().build();
        try {
            var resources =
                    SpringProperties.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            while (resources.hasMoreElements()) {
                var url = resources.nextElement();
                if (url.toString().matches(".*platform[-/][a-z]+.*")) {
                    continue; // our own libraries: only for services that use them (bindsLibraryProperty)
                }
                try (var in = url.openStream()) {
                    for (var property : mapper.readTree(in).path("properties")) {
                        var type = property.path("type").asText("");
                        out.put(envName(property.path("name").asText()), type.startsWith("java.util.Map"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no Spring Boot configuration metadata on the test classpath");
        }
        return out;
    }

    /** Spring's mapping from a property name to its environment variable: dots to underscores, no dashes, upper case. */
    static String envName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase();
    }

    /** Whether {@code variable} binds to a Spring Boot property (or to a key of a map property). */
    static boolean binds(String variable) {
        if (PROPERTIES.containsKey(variable)) {
            return true;
        }
        return PROPERTIES.entrySet().stream().anyMatch(e -> e.getValue() && variable.startsWith(e.getKey() + "_"));
    }

    /**
     * Whether {@code variable} binds to a property of a {@code @ConfigurationProperties} record of
     * a platform library the service uses (e.g. SHOP_MESSAGING_CREATETOPICS ->
     * shop.messaging.create-topics), found in the library's sources and bound by reflection.
     */
    static boolean bindsLibraryProperty(ServiceModule service, String variable) {
        var annotated =
                Pattern.compile("@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*|value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)"
                        + "\\s*public\\s+record\\s+(\\w+)");
        var names = new HashSet<String>();
        for (var library : service.platformLibraries()) {
            for (var source :
                    Repo.files(Repo.ROOT.resolve("platform").resolve(library).resolve("src/main/java"), ".java")) {
                var text = Repo.read(source);
                var m = annotated.matcher(text);
                var pkg = Pattern.compile("package\\s+([\\w.]+);").matcher(text);
                if (m.find() && pkg.find()) {
                    try {
                        collect(Class.forName(pkg.group(1) + "." + m.group(2)), m.group(1), names);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(
                                "platform-" + library + " is not on the deploy-tests classpath", e);
                    }
                }
            }
        }
        return names.contains(variable);
    }

    private static void collect(Class<?> type, String prefix, Set<String> names) {
        for (var component : type.getRecordComponents()) {
            var property = prefix + "."
                    + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            if (component.getType().isRecord()) {
                collect(component.getType(), property, names);
            } else {
                names.add(envName(property));
            }
        }
    }
}
