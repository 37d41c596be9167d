package io.firedrill.core.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.api.spi.StorageProvider;
import io.firedrill.core.storage.FailingPayload;
import io.firedrill.core.storage.GeneratedPayload;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link FileStorage} and {@link FileStorageProvider} do beyond the storage contract. */
class FileStorageTest {
    @TempDir
    Path directory;

    @Test
    void providerIsRegisteredForTheFileScheme() {
        List<String> schemes = new ArrayList<>();
        ServiceLoader.load(StorageProvider.class).forEach(provider -> schemes.add(provider.scheme()));

        assertTrue(schemes.contains("file"), "registered schemes: " + schemes);
    }

    @Test
    void acceptsFileUriWithOneOrThreeSlashesAndCreatesTheRoot() throws IOException {
        Path oneSlash = directory.resolve("one/level/deeper");
        Path threeSlashes = directory.resolve("three");

        try (Storage a = new FileStorageProvider().open(URI.create("file:" + oneSlash.toAbsolutePath()));
                Storage b = new FileStorageProvider().open(URI.create("file://" + threeSlashes.toAbsolutePath()))) {
            assertTrue(Files.isDirectory(oneSlash));
            assertTrue(Files.isDirectory(threeSlashes));
            assertEquals("file:" + oneSlash.toRealPath(), a.describe());
            assertEquals("file:" + threeSlashes.toRealPath(), b.describe());
        }
    }

    @Test
    void acceptsPercentEncodedPaths() {
        Path spaced = directory.resolve("with space");

        new FileStorageProvider().open(spaced.toUri());

        assertTrue(Files.isDirectory(spaced));
    }

    @Test
    void rejectsRelativePathWithTheRightForm() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new FileStorageProvider().open(URI.create("file:backups/db1")));

        assertTrue(e.getMessage().contains("'file:backups/db1'"), e.getMessage());
        assertTrue(e.getMessage().contains("relative"), e.getMessage());
        assertTrue(e.hint().contains("file:///"), e.hint());
    }

    @Test
    void rejectsHostWithTheRightForm() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new FileStorageProvider().open(URI.create("file://backup-server/var/backups")));

        assertTrue(e.getMessage().contains("backup-server"), e.getMessage());
        assertTrue(e.hint().contains("file:///"), e.hint());
    }

    @Test
    void rejectsQuery() {
        assertThrows(InvalidConfigurationException.class,
                () -> new FileStorageProvider().open(URI.create("file:///var/backups?x=1")));
    }

    @Test
    void rejectsRelativeRootPath() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new FileStorage(Path.of("relative/root")));

        assertTrue(e.getMessage().contains("relative/root"), e.getMessage());
    }

    @Test
    void rejectsRootThatIsAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("plain-file"), "x");

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new FileStorage(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void announcesItsFeatures() {
        Storage storage = new FileStorage(directory);

        assertEquals(EnumSet.allOf(StorageFeature.class), storage.features());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "..", "../outside", "a/../../b", "a/./b", ".", "a\\b", "a//b", "a/",
        "/", ".tmp-123", "data/.tmp-x/y", "nul\0byte"})
    void rejectsUnsafeNamesNamingThem(String name) {
        Storage storage = new FileStorage(directory.resolve("repository"));

        IllegalArgumentException put = assertThrows(IllegalArgumentException.class,
                () -> storage.put(name, Payload.of(new byte[1])));
        assertThrows(IllegalArgumentException.class, () -> storage.get(name));
        assertThrows(IllegalArgumentException.class, () -> storage.head(name));
        assertThrows(IllegalArgumentException.class, () -> storage.delete(name));

        assertTrue(put.getMessage().contains("'" + name + "'") || name.isEmpty(), put.getMessage());
        assertFalse(Files.exists(directory.resolve("outside")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../", "a/../", "a//"})
    void rejectsUnsafeListingPrefixes(String prefix) {
        Storage storage = new FileStorage(directory);

        assertThrows(IllegalArgumentException.class, () -> storage.list(prefix, info -> { }));
    }

    @Test
    void storesObjectsAsFilesAtTheirNames() throws IOException {
        Storage storage = new FileStorage(directory);

        storage.put("data/ab/abcdef", Payload.of("content".getBytes(StandardCharsets.UTF_8)));

        assertEquals("content", Files.readString(directory.resolve("data/ab/abcdef")));
    }

    @Test
    void temporaryFilesAreNeverListed() throws IOException {
        Storage storage = new FileStorage(directory);
        storage.put("data/ab/abc", Payload.of(new byte[3]));
        Files.write(directory.resolve(".tmp-leftover"), new byte[5]);
        Files.write(directory.resolve("data/ab/.tmp-leftover"), new byte[5]);

        List<ObjectInfo> listed = new ArrayList<>();
        storage.list("", listed::add);
        storage.list("data/ab/.tmp", listed::add);

        assertEquals(List.of(new ObjectInfo("data/ab/abc", 3)), listed);
    }

    @Test
    void interruptedPutLeavesNoObjectAndNoTemporaryFile() throws IOException {
        Storage storage = new FileStorage(directory);

        StorageException e = assertThrows(StorageException.class,
                () -> storage.put("data/ab/abc", new FailingPayload(1_000_000, 300_000)));

        assertTrue(e.getMessage().contains("data/ab/abc"), e.getMessage());
        assertTrue(e.getMessage().contains("injected source failure"), e.getMessage());
        assertFalse(e.retryable());
        assertEquals(Optional.empty(), storage.head("data/ab/abc"));
        assertEquals(List.of(), filesUnder(directory));
    }

    @Test
    void interruptedPutIfAbsentLeavesNoObjectAndNoTemporaryFile() throws IOException {
        Storage storage = new FileStorage(directory);

        assertThrows(StorageException.class,
                () -> storage.putIfAbsent("locks/exclusive", new FailingPayload(1_000_000, 300_000)));

        assertEquals(Optional.empty(), storage.head("locks/exclusive"));
        assertEquals(List.of(), filesUnder(directory));
    }

    @Test
    void payloadLongerThanAnnouncedIsRejectedWithoutLeftovers() throws IOException {
        Storage storage = new FileStorage(directory);
        GeneratedPayload tenMegabytes = new GeneratedPayload(1, 10_000_000);
        Payload announcesLess = new Payload() {
            @Override
            public long length() {
                return 1000;
            }

            @Override
            public InputStream open() {
                return tenMegabytes.open();
            }
        };

        StorageException e = assertThrows(StorageException.class, () -> storage.put("big", announcesLess));

        assertTrue(e.getMessage().contains("announced 1000"), e.getMessage());
        assertEquals(List.of(), filesUnder(directory));
    }

    @Test
    void rangeOutsideTheObjectIsRejected() {
        Storage storage = new FileStorage(directory);
        storage.put("p", Payload.of(new byte[100]));

        assertThrows(IllegalArgumentException.class, () -> storage.get("p", 90, 11));
        assertThrows(IllegalArgumentException.class, () -> storage.get("p", 101, 0));
        assertThrows(IllegalArgumentException.class, () -> storage.get("p", -1, 1));
        assertThrows(IllegalArgumentException.class, () -> storage.get("p", 0, -1));
        assertThrows(IllegalArgumentException.class, () -> storage.get("p", 1, Long.MAX_VALUE));
    }

    @Test
    void directoriesAreNotObjects() {
        Storage storage = new FileStorage(directory);
        storage.put("data/ab/abc", Payload.of(new byte[1]));

        assertEquals(Optional.empty(), storage.head("data/ab"));
        assertThrows(ObjectNotFoundException.class, () -> storage.get("data/ab"));
        assertThrows(ObjectNotFoundException.class, () -> storage.get("data/ab", 0, 0));
        storage.delete("data/ab");
        assertTrue(storage.head("data/ab/abc").isPresent());
    }

    @Test
    void objectUsedAsDirectoryIsReportedClearly() {
        Storage storage = new FileStorage(directory);
        storage.put("config", Payload.of(new byte[1]));

        StorageException e = assertThrows(StorageException.class,
                () -> storage.put("config/nested", Payload.of(new byte[1])));

        assertTrue(e.getMessage().contains("config/nested"), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        assertEquals(Optional.empty(), storage.head("config/nested"));
        assertThrows(ObjectNotFoundException.class, () -> storage.get("config/nested"));
        storage.delete("config/nested");
    }

    @Test
    void missingPrefixDirectoryListsNothing() {
        Storage storage = new FileStorage(directory);

        List<ObjectInfo> listed = new ArrayList<>();
        storage.list("data/ab/", listed::add);
        storage.list("data/ab/abc", listed::add);

        assertEquals(List.of(), listed);
    }

    @Test
    void sweepRemovesOnlyStaleTemporaryFiles() throws IOException {
        FileStorage storage = new FileStorage(directory);
        storage.put("data/ab/abc", Payload.of(new byte[1]));
        Path stale = Files.write(directory.resolve("data/ab/.tmp-stale"), new byte[1]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = Files.write(directory.resolve("data/.tmp-fresh"), new byte[1]);

        assertEquals(1, storage.sweepStaleTemporaries(Duration.ofDays(1)));

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(storage.head("data/ab/abc").isPresent());
    }

    @Test
    void diskFullCarriesAHintAboutFreeingSpace() {
        StorageException e = StorageFailures.of("store", "data/ab/abc", directory,
                new IOException("No space left on device"));

        assertTrue(e.getMessage().contains("data/ab/abc"), e.getMessage());
        assertTrue(e.getMessage().contains(directory.toString()), e.getMessage());
        assertTrue(e.hint().contains("free space"), e.hint());
        assertFalse(e.retryable());
    }

    @Test
    void permissionDeniedCarriesAHintAboutPermissions() {
        StorageException e = StorageFailures.of("store", "data/ab/abc", directory,
                new AccessDeniedException(directory.resolve("data").toString()));

        assertTrue(e.getMessage().contains("permission denied on " + directory.resolve("data")), e.getMessage());
        assertTrue(e.hint().contains("permission"), e.hint());
        assertFalse(e.retryable());
    }

    @Test
    void otherFailuresAreRetryableWithoutHint() {
        StorageException e = StorageFailures.of("read", "x", directory, new IOException("Input/output error"));

        assertNull(e.hint());
        assertTrue(e.retryable());
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
