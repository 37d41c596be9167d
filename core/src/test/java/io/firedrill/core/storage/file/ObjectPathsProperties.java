package io.firedrill.core.storage.file;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No name, however odd, maps to a file outside the storage root. */
class ObjectPathsProperties {
    private static final Path ROOT = Path.of("/srv/repository").toAbsolutePath();
    private final ObjectPaths paths = new ObjectPaths(ROOT);

    @Property(tries = 2000)
    void everyNameIsRejectedOrStaysBelowTheRoot(@ForAll("names") String name) {
        Path file;
        try {
            file = paths.file(name);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        if (!file.startsWith(ROOT) || file.equals(ROOT) || !paths.name(file).equals(name)) {
            throw new AssertionError("name '" + name + "' maps to " + file);
        }
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(".", "..", "", ".tmp-x", "a", "ab", "\\", "...", "a b", "\0"),
                Arbitraries.strings().withChars("ab./\\-_ ").ofMaxLength(6));
        return segment.list().ofMaxSize(5).map(parts -> String.join("/", parts));
    }
}
