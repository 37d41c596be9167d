package io.firedrill.core.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupStats;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.backup.DirectoryBackup;
import io.firedrill.core.catalog.Catalog;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.BlobType;
import io.firedrill.core.manifest.ManifestEntry;
import io.firedrill.core.manifest.ManifestHeader;
import io.firedrill.core.manifest.ManifestWriter;
import io.firedrill.core.pack.BlobStore;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.storage.memory.MemoryStorageProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Manifest paths that could escape the restore target are refused; odd but legitimate names are not. */
class SafePathsTest {
    private static final Path ROOT = Path.of("/restore/target");
    private static final String BACKUP = "backups/20240101T000000Z-00000000";

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/", "..", "../x", "a/..", "a/../../x", "a/../b", "a//b", "a/", "/a",
        ".", "./a", "a/./b", "a/.", "a\\..\\b", "..\\x", "a\u0000b", "//x"})
    void unsafePathsAreCorrupt(String path) {
        CorruptObjectException e = assertThrows(CorruptObjectException.class,
                () -> SafePaths.resolve(ROOT, path, BACKUP));
        assertEquals(BACKUP, e.objectName());
        assertEquals(ErrorCode.CORRUPT_OBJECT, e.code());
    }

    @Test
    void emptyAndMissingPathsAreCorrupt() {
        assertThrows(CorruptObjectException.class, () -> SafePaths.resolve(ROOT, "", BACKUP));
        assertThrows(CorruptObjectException.class, () -> SafePaths.resolve(ROOT, null, BACKUP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "..a", "a..", "...", ".hidden", "a/b/c", "x y/ünï", "a/..b/c..", "-", "a.b/.c"})
    void legitimateNamesResolveUnderTheTarget(String path) {
        Path resolved = SafePaths.resolve(ROOT, path, BACKUP);
        assertEquals(ROOT.resolve(path), resolved);
        assertTrue(resolved.startsWith(ROOT));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("a", "..", ".", "", "a..b", "...", "b", "/", "\\", "..a")
                .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
    }

    /** Whatever the string: refused, or a path strictly inside the target that normalization did not change. */
    @Property(tries = 500)
    void everyAcceptedPathStaysInside(@ForAll("paths") String path) {
        Path resolved;
        try {
            resolved = SafePaths.resolve(ROOT, path, BACKUP);
        } catch (CorruptObjectException refused) {
            return;
        }
        assertTrue(resolved.startsWith(ROOT) && !resolved.equals(ROOT), path + " -> " + resolved);
        assertEquals(ROOT.resolve(path), resolved, "normalization changed " + path);
        for (String segment : path.split("/", -1)) {
            assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals(".."), path);
        }
    }

    /** End to end: a crafted manifest naming {@code ../escape.txt} is refused and nothing lands outside. */
    @Test
    void restoreRefusesACraftedManifest(@TempDir Path dir) throws Exception {
        String name = "safe-paths-" + UUID.randomUUID();
        char[] pw = "pw".toCharArray();
        try {
            Firedrill.configure().repository("mem:" + name).passphrase(pw)
                    .init(Encryption.passphrase(pw).withKdf(new Encryption.KdfStrength(64, 1, 1))).close();
            Storage storage = new MemoryStorageProvider().open(URI.create("mem:" + name));
            Repository repository = Repository.open(storage,
                    Firedrill.configure().repository("mem:" + name).passphrase(pw).build());
            BlobStore store = repository.newBlobStore(repository.loadIndex().index());
            byte[] data = "escaped!".getBytes(StandardCharsets.US_ASCII);
            BlobId blob = BlobId.of(repository.hasher().hash(data));
            store.store(BlobType.DATA, blob, data, 0, data.length);
            Instant now = Instant.now();
            BackupId id = DirectoryBackup.newId(now);
            int chunkSize = repository.config().chunking().fileChunkSize();
            ManifestWriter manifest = new ManifestWriter(new ManifestHeader(1, id.value(), "evil", "directory",
                    chunkSize, Map.of()), repository.streamChunker(), repository.hasher(), store);
            manifest.add(new ManifestEntry("fine.txt", ManifestEntry.FILE, 0644, 0L, (long) data.length,
                    List.of(blob.hex()), null));
            manifest.add(new ManifestEntry("../escape.txt", ManifestEntry.FILE, 0644, 0L, (long) data.length,
                    List.of(blob.hex()), null));
            List<BlobId> blobs = manifest.finish();
            store.flush();
            new Catalog(storage, repository.documents(), 1).write(new CatalogEntry(1, id.value(), "evil",
                    "directory", "host", now.toString(), now.toString(), List.of(), new BackupStats(2, 16, 2, 16, 0),
                    Map.of(), blobs.stream().map(BlobId::hex).toList(), null));

            Path parent = Files.createDirectories(dir.resolve("parent"));
            Path target = parent.resolve("target");
            try (Firedrill fd = Firedrill.configure().repository("mem:" + name).passphrase(pw).load()) {
                CorruptObjectException e = assertThrows(CorruptObjectException.class,
                        () -> fd.restore().backup(id).to(target).run());
                assertEquals("backups/" + id.value(), e.objectName());
                assertTrue(e.getMessage().contains("../escape.txt"), e.getMessage());
            }
            assertFalse(Files.exists(parent.resolve("escape.txt")), "a write escaped the restore target");
            assertEquals(List.of(target), Files.list(parent).toList());
        } finally {
            MemoryStorageProvider.discard(name);
        }
    }
}
