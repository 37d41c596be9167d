package io.firedrill.core.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FluentConfiguration;
import io.firedrill.api.ReadData;
import io.firedrill.core.session.Trees;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Every released format version stays readable: the golden repositories restore to the golden tree. */
class GoldenRepositoriesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"v1/encrypted", "v1/unencrypted"})
    void goldenRepositoryRestoresTheGoldenTree(String name) throws Exception {
        Path repository = copy(golden(name), dir.resolve("repo"));
        Path expected = Files.createDirectories(dir.resolve("expected"));
        GoldenRepositories.writeSource(expected);
        FluentConfiguration configuration = Firedrill.configure().repository(repository);
        if (name.endsWith("/encrypted")) {
            configuration.passphrase(GoldenRepositories.PASSPHRASE.toCharArray());
        }
        try (Firedrill fd = configuration.load()) {
            assertEquals(1, fd.list().size());
            BackupInfo backup = fd.list().get(0);
            assertEquals("golden", backup.source());
            assertTrue(fd.verify().readData(ReadData.all()).run().healthy());
            fd.restore().backup(backup.id()).to(dir.resolve("restored")).run();
        }
        Trees.assertSameTree(expected, dir.resolve("restored"));
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenRepositoriesTest.class.getResource("/golden/" + name + "/config").toURI()).getParent();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
