package io.firedrill.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Firedrill;
import io.firedrill.api.ReadData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo runs end to end and leaves a healthy repository with the one backup it kept. */
class QuickStartTest {

    @Test
    void demoRunsEndToEnd(@TempDir Path work) throws Exception {
        QuickStart.main(new String[] {work.toString()});

        assertTrue(Files.isDirectory(work.resolve("latest")));
        try (Firedrill firedrill = Firedrill.configure().repository(work.resolve("repository"))
                .passphrase("correct horse battery staple".toCharArray()).load()) {
            assertEquals(1, firedrill.list().size());
            assertTrue(firedrill.verify().readData(ReadData.all()).run().healthy());
        }
    }
}
