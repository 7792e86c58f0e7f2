package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Jib configuration of the root pom (profile "images") builds the image every Deployment
 * runs: non-root user, heap from the container limit, the service's own port, and only for
 * service modules.
 */
class ImageConfigTest {

    private static final Document POM = parsePom();

    @Test
    void imagesRunAsANonRootUserWithTheHeapSizedFromTheContainerLimit() {
        var jib = jibConfiguration();
        assertThat(jibUser()).isPositive();
        var flags = new ArrayList<String>();
        var nodes = jib.getElementsByTagName("jvmFlag");
        for (int i = 0; i < nodes.getLength(); i++) {
            flags.add(nodes.item(i).getTextContent().trim());
        }
        assertThat(flags)
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
                .noneMatch(f -> f.startsWith("-Xmx"));
        assertThat(text(jib, "to")).contains("${shop.image.registry}/${project.artifactId}");
        assertThat(property("shop.image.base")).matches("eclipse-temurin:(21|25)-jre.*");
    }

    @Test
    void theImagesProfileBuildsATarballWithoutADockerDaemon() {
        var images = profile("images");
        assertThat(images.getElementsByTagName("goal").item(0).getTextContent()).isEqualTo("buildTar");
        assertThat(property("shop.image.skip"))
                .as("skipped unless the module is an application")
                .isEqualTo("true");
        var app = profile("spring-boot-application");
        assertThat(text(app, "exists")).isEqualTo("${basedir}/src/main/resources/application.yml");
        assertThat(text(app, "shop.image.skip")).isEqualTo("false");
    }

    /** Each service's image exposes the port its application.yml listens on (one profile per service package). */
    @Test
    void everyServiceImageExposesTheServersPort() {
        var portByPackage = new HashMap<String, Integer>();
        var profiles = POM.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            var profile = (Element) profiles.item(i);
            var id = text(profile, "id");
            if (id.startsWith("image-port-")) {
                var exists = text(profile, "exists");
                portByPackage.put(
                        exists.substring("${basedir}/".length()), Integer.parseInt(text(profile, "shop.image.port")));
            }
        }
        for (var service : Repo.services()) {
            var matching = portByPackage.entrySet().stream()
                    .filter(e -> Files.isDirectory(service.dir().resolve(e.getKey())))
                    .map(Map.Entry::getValue)
                    .toList();
            assertThat(matching)
                    .as("%s activates exactly one image-port profile", service.name())
                    .containsExactly(service.port());
        }
    }

    static long jibUser() {
        var user = text(jibConfiguration(), "user");
        return Long.parseLong(user.split(":")[0]);
    }

    static String registry() {
        return property("shop.image.registry");
    }

    private static Element jibConfiguration() {
        var plugins = POM.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            var plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals("jib-maven-plugin")
                    && plugin.getElementsByTagName("configuration").getLength() > 0) {
                return (Element) plugin.getElementsByTagName("configuration").item(0);
            }
        }
        throw new AssertionError("no jib-maven-plugin configuration in the root pom");
    }

    private static Element profile(String id) {
        var profiles = POM.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            if (text((Element) profiles.item(i), "id").equals(id)) {
                return (Element) profiles.item(i);
            }
        }
        throw new AssertionError("no profile " + id + " in the root pom");
    }

    private static String property(String name) {
        var properties = (Element)
                POM.getDocumentElement().getElementsByTagName("properties").item(0);
        return text(properties, name);
    }

    private static String text(Element parent, String tag) {
        var nodes = parent.getElementsByTagName(tag);
        assertThat(nodes.getLength())
                .as("<%s> in <%s>", tag, parent.getTagName())
                .isPositive();
        return nodes.item(0).getTextContent().trim();
    }

    private static Document parsePom() {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(Repo.ROOT.resolve("pom.xml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
