package dev.prodev.shop.deploy;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Parameter sources: every test runs against the base and every overlay. */
final class Layers {

    private Layers() {}

    static Stream<String> layers() {
        return Repo.LAYERS.stream();
    }

    static Stream<Arguments> layersAndServices() {
        return Repo.LAYERS.stream().flatMap(l -> Repo.services().stream().map(s -> Arguments.of(l, s.name())));
    }
}
