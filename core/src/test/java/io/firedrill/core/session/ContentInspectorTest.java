package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupInfo;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.spi.ContentInspector;
import io.firedrill.api.spi.DataTree;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.PhysicalBackup;
import io.firedrill.core.storage.memory.MemoryStorageProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link DataTree}'s {@link ContentInspector} sees every chunk of every regular file of its tree, by its path
 * relative to the tree's root, at chunk offsets, with exactly the bytes the backup stores; excluded files and other
 * trees are not shown to it.
 */
class ContentInspectorTest {
    private static final String REPO = "content-inspector";
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @AfterEach
    void discard() {
        MemoryStorageProvider.discard(REPO);
    }

    @Test
    void seesEveryChunkOfEveryFileOfItsTree() throws Exception {
        Path data = dir.resolve("data");
        Path other = dir.resolve("other");
        Random random = new Random(3);
        byte[] big = new byte[2 * MIB + MIB / 2 + 8192];
        random.nextBytes(big);
        byte[] small = "five!".getBytes();
        byte[] zeros = new byte[MIB + 100];
        Files.createDirectories(data.resolve("base/5"));
        Files.createDirectories(other);
        Files.write(data.resolve("base/5/16384"), big);
        Files.write(data.resolve("base/5/16384_fsm"), zeros);
        Files.write(data.resolve("PG_VERSION"), small);
        Files.write(data.resolve("empty"), new byte[0]);
        Files.write(data.resolve("excluded"), small);
        Files.write(other.resolve("elsewhere"), small);

        // file -> offset -> bytes seen
        Map<String, Map<Long, byte[]>> seen = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ContentInspector inspector = (path, offset, bytes, length) -> {
            threads.add(Thread.currentThread().getName());
            byte[] copy = Arrays.copyOf(bytes, length);
            seen.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(offset, copy);
        };
        List<DataTree> trees = List.of(new DataTree("", data, "excluded"::equals, inspector),
                new DataTree("other", other, p -> false));
        try (Firedrill fd = Firedrill.configure().repository("mem:" + REPO).engineProvider(provider(trees))
                .init(Encryption.none())) {
            BackupInfo backup = fd.backup().database("jdbc:fake://x").run().backup();
            assertEquals("fake-physical", backup.kind());
        }

        assertEquals(Set.of("base/5/16384", "base/5/16384_fsm", "PG_VERSION"), seen.keySet());
        assertEquals(List.of(0L, (long) MIB, 2L * MIB), List.copyOf(new TreeMap<>(seen.get("base/5/16384")).keySet()));
        assertArrayEquals(big, joined(seen.get("base/5/16384")));
        assertArrayEquals(zeros, joined(seen.get("base/5/16384_fsm")), "all-zero chunks are shown too");
        assertArrayEquals(small, seen.get("PG_VERSION").get(0L));
        assertTrue(threads.stream().noneMatch("main"::equals), "inspected on worker threads: " + threads);
    }

    @Test
    void aTreeWithoutAnInspectorUsesNone() {
        DataTree tree = new DataTree("", dir, p -> false);
        assertEquals(ContentInspector.NONE, tree.inspector());
        assertEquals(ContentInspector.NONE, new DataTree("", dir, p -> false, null).inspector());
        assertFalse(tree.inspected());
    }

    private static byte[] joined(Map<Long, byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(chunks).values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static EngineProvider provider(List<DataTree> trees) {
        return new EngineProvider() {
            @Override
            public String id() {
                return "fake";
            }

            @Override
            public boolean supports(String connection) {
                return connection.startsWith("jdbc:fake:");
            }

            @Override
            public Engine open(String connection) {
                return new Engine() {
                    @Override
                    public String id() {
                        return "fake";
                    }

                    @Override
                    public PhysicalBackup startBackup(EngineContext context) {
                        return new PhysicalBackup() {
                            @Override
                            public String kind() {
                                return "fake-physical";
                            }

                            @Override
                            public String logStream() {
                                return "fake";
                            }

                            @Override
                            public List<DataTree> trees() {
                                return trees;
                            }

                            @Override
                            public Result finish() {
                                return new Result(Map.of(), Map.of(), Map.of());
                            }

                            @Override
                            public void close() {
                            }
                        };
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
