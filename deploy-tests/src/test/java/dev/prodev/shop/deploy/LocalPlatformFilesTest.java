package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files of deploy/local and deploy/compose that repeat a fact owned elsewhere: the topic list
 * ({@link Topics#ALL}) and the Kafka and GreenMail versions (the poms, read by
 * {@code deploy/lib/versions.sh}). Each copy is checked here, so a change in one place fails the build
 * until the others follow.
 */
class LocalPlatformFilesTest {

    private static final Path KAFKA_POM = Repo.ROOT.resolve("deploy/local/kafka/pom.xml");
    private static final Path ROOT_POM = Repo.ROOT.resolve("pom.xml");

    @Test
    void topicsTxtListsTopicsAllAndTheirDeadLetterTopicsInOrder() {
        var listed = new LinkedHashMap<String, Integer>();
        for (var line : Repo.read(Repo.ROOT.resolve("deploy/local/kafka/topics.txt"))
                .lines()
                .toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var fields = line.trim().split("\\s+");
            assertThat(fields.length)
                    .as("'name partitions [config=value ...]': %s", line)
                    .isGreaterThanOrEqualTo(2);
            assertThat(listed.put(fields[0], Integer.valueOf(fields[1])))
                    .as("listed twice: %s", fields[0])
                    .isNull();
            var configs = new java.util.HashMap<String, String>();
            for (int i = 2; i < fields.length; i++) {
                var pair = fields[i].split("=", 2);
                configs.put(pair[0], pair[1]);
            }
            assertThat(configs)
                    .as("the configs of %s are Topics.configs (shop.products is compacted)", fields[0])
                    .isEqualTo(Topics.configs(fields[0]));
        }
        var expected = new LinkedHashMap<String, Integer>(Topics.ALL);
        Topics.ALL.forEach((topic, partitions) -> expected.put(Topics.deadLetter(topic), partitions));
        assertThat(listed).containsExactlyEntriesOf(expected);
    }

    @Test
    void theScriptsReadKafkasAndGreenMailsVersionsFromThePoms() throws Exception {
        var kafka = property(KAFKA_POM, "kafka.version");
        var greenmail = property(ROOT_POM, "greenmail.version");

        assertThat(versionsSh(KAFKA_POM, "kafka.version")).isEqualTo(kafka);
        assertThat(versionsSh(ROOT_POM, "greenmail.version")).isEqualTo(greenmail);
        var lib = Repo.read(Repo.ROOT.resolve("deploy/local/lib.sh"));
        assertThat(lib)
                .as("lib.sh takes the versions from the poms, it does not write them")
                .contains("KAFKA_VERSION=\"$(shop_pom_property \"$LOCAL_HERE/kafka/pom.xml\" kafka.version)\"")
                .contains("GREENMAIL_VERSION=\"$(shop_pom_property \"$ROOT/pom.xml\" greenmail.version)\"")
                .doesNotContain(kafka)
                .doesNotContain(greenmail);
    }

    @Test
    void composeRunsTheKafkaAndGreenMailVersionsOfThePoms() {
        var compose = Repo.read(Repo.ROOT.resolve("deploy/compose/compose.yaml"));
        assertThat(imageTags(compose, "apache/kafka")).isNotEmpty().containsOnly(property(KAFKA_POM, "kafka.version"));
        assertThat(imageTags(compose, "greenmail/standalone"))
                .isNotEmpty()
                .containsOnly(property(ROOT_POM, "greenmail.version"));
    }

    @Test
    void versionsShFailsForAPropertyThePomDoesNotHave() throws Exception {
        var run = bash("shop_pom_property \"$1\" no.such.version", ROOT_POM.toString());
        assertThat(run.getKey()).isNotZero();
        assertThat(run.getValue()).contains("no <no.such.version> in");
    }

    /** The value of {@code <name>} in the pom, read as XML text (the scripts' answer must equal it). */
    private static String property(Path pom, String name) {
        var matcher = Pattern.compile(
                        "<properties>.*?<" + Pattern.quote(name) + ">\\s*([^<\\s]+)\\s*</", Pattern.DOTALL)
                .matcher(Repo.read(pom));
        assertThat(matcher.find()).as("<%s> in %s", name, pom).isTrue();
        return matcher.group(1);
    }

    private static List<String> imageTags(String compose, String image) {
        return Pattern.compile("image:\\s*" + Pattern.quote(image) + ":(\\S+)")
                .matcher(compose)
                .results()
                .map(r -> r.group(1))
                .toList();
    }

    private static String versionsSh(Path pom, String name) throws Exception {
        var run = bash("shop_pom_property \"$1\" \"$2\"", pom.toString(), name);
        assertThat(run.getKey()).as(run.getValue()).isZero();
        return run.getValue().trim();
    }

    /** Runs {@code script} after sourcing deploy/lib/versions.sh; exit code and combined output. */
    private static Map.Entry<Integer, String> bash(String script, String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(
                "bash",
                "-c",
                ". \"$0\" && " + script,
                Repo.ROOT.resolve("deploy/lib/versions.sh").toString()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Map.entry(process.exitValue(), output);
    }
}
