package io.firedrill.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLogTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatWasWrittenSinceAnOffsetAndTheLastLines() throws IOException {
        Path file = dir.resolve("run/server.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "one\ntwo\n");
        ServerLog log = ServerLog.at(file);
        long before = log.size();
        Files.writeString(file, "three\nfour", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals("three\nfour", log.since(before));
        assertEquals("", log.since(before + 100));
        assertEquals("two\nthree\nfour", log.tail(3));
        assertEquals("one\ntwo\nthree\nfour", log.tail(10));

        ServerLog.deleteRunDirectory(file.getParent());
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void aMissingLogReadsAsEmpty() {
        for (ServerLog log : new ServerLog[] {ServerLog.at(null), ServerLog.at(dir.resolve("none.log"))}) {
            assertEquals(0, log.size());
            assertEquals("", log.since(0));
            assertEquals("", log.tail(5));
        }
        ServerLog.deleteRunDirectory(dir.resolve("absent"));
        ServerLog.deleteRunDirectory(null);
    }
}
