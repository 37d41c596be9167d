package io.firedrill.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Firedrill;
import io.firedrill.api.ReadData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo runs end to end on a real PostgreSQL and leaves a healthy repository. */
class PostgresDemoIT {

    @Test
    void demoRecoversTheDroppedTable(@TempDir Path work) throws Exception {
        PostgresDemo.main(new String[] {work.toString()});

        assertTrue(Files.isDirectory(work.resolve("recovered")));
        try (Firedrill firedrill = Firedrill.configure().repository(work.resolve("repository"))
                .passphrase("correct horse battery staple".toCharArray()).load()) {
            assertEquals(1, firedrill.list().size());
            assertEquals("postgres-physical", firedrill.list().get(0).kind());
            assertTrue(firedrill.verify().readData(ReadData.all()).run().healthy());
        }
    }
}
