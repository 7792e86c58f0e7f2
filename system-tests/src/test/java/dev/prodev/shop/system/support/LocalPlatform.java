package dev.prodev.shop.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts components of the platform that {@code deploy/local/up} runs, the way an
 * operator would ({@code deploy/local/down <component>}, then {@code deploy/local/up}, which starts
 * whatever is missing). For tests of outages: they need the local platform, not any gateway URL.
 */
public final class LocalPlatform {

    private LocalPlatform() {}

    /** The repository root: the nearest folder above the working directory that holds {@code deploy/local/up}. */
    public static Path root() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("deploy/local/up"))) {
                return dir;
            }
        }
        throw new AssertionError(
                "deploy/local/up not found above " + Path.of("").toAbsolutePath()
                        + ": outage tests run against the platform that deploy/local/up started");
    }

    /** Stops one component ({@code deploy/local/down <component>}) and waits until it is gone. */
    public static void stop(String component) {
        run(Duration.ofSeconds(90), "deploy/local/down", component);
    }

    /** Starts whatever is not running ({@code deploy/local/up}) and waits until it is healthy. */
    public static void startMissing() {
        run(Duration.ofMinutes(8), "deploy/local/up");
    }

    private static void run(Duration limit, String... command) {
        var root = root();
        var cmd = new ArrayList<>(List.of(command));
        cmd.set(0, root.resolve(command[0]).toString());
        try {
            var log = Files.createTempFile("shop-local-", ".log");
            var process = new ProcessBuilder(cmd)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + limit + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Files.delete(log); // kept (named in the failure) only when the command failed
        } catch (IOException ex) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
