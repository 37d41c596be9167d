package io.firedrill.postgres.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.postgres.server.InitOptions;
import io.firedrill.postgres.server.Installations;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PageChecksums} and {@link PageVerifier} against the pages of a real cluster created with data checksums:
 * after a clean shutdown every initialised page of every relation file carries PostgreSQL's checksum.
 */
class PageChecksumsIT {
    private static final long SEGMENT_BLOCKS = 131072;

    @TempDir
    Path tmp;

    static Stream<PostgresInstallation> installations() {
        return Installations.both();
    }

    @ParameterizedTest
    @MethodSource("installations")
    void everyPageOfACleanClusterVerifies(PostgresInstallation installation) throws Exception {
        Path dataDir = Installations.reachable(tmp, "data");
        try (PostgresProcess server = PostgresProcess.initialize(installation, dataDir, InitOptions.defaults())) {
            server.start();
            server.execute("create table items (id int primary key, note text)");
            server.execute("insert into items select g, repeat('x', 200) || g from generate_series(1, 20000) g");
            server.execute("vacuum analyze items");
            server.execute("checkpoint");
            server.stop();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        PageVerifier verifier = new PageVerifier(dataDir, Long.MAX_VALUE, SEGMENT_BLOCKS);
        long pages = 0;
        for (Path file : files) {
            String relative = dataDir.relativize(file).toString();
            if (!relative.matches("(base/[0-9]+|global)/[0-9]+(_fsm|_vm|_init)?")) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(0, bytes.length % PageChecksums.PAGE_SIZE, relative);
            for (int at = 0; at < bytes.length; at += PageChecksums.PAGE_SIZE) {
                if (PageChecksums.isNew(bytes, at)) {
                    continue;
                }
                long block = at / PageChecksums.PAGE_SIZE;
                assertEquals(PageChecksums.stored(bytes, at), PageChecksums.compute(bytes, at, block),
                        relative + " block " + block);
                pages++;
                assertFalse(PageChecksums.verifies(bytes, at, block + 1) && PageChecksums.verifies(bytes, at, block + 2),
                        "a page does not verify at other blocks");
            }
            for (int offset = 0; offset < bytes.length; offset += 1 << 20) {
                int length = Math.min(1 << 20, bytes.length - offset);
                byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + length);
                verifier.inspect(relative, offset, chunk, length);
            }
        }
        assertTrue(pages > 500, "pages checked: " + pages);
        assertEquals(pages, verifier.pagesChecked(), "the verifier checks every initialised relation page");
        assertEquals(0, verifier.corruptPages(), () -> "corrupt: " + verifier.listed());
    }
}
