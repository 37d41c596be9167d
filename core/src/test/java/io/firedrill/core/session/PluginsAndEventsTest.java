package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.Operation;
import io.firedrill.api.OperationCancelledException;
import io.firedrill.api.PluginNotFoundException;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineProvider;
import io.firedrill.core.storage.memory.MemoryStorageProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsAndEventsTest {
    private static final String REPO = "plugins-and-events";

    @TempDir
    Path dir;

    @AfterEach
    void discard() {
        MemoryStorageProvider.discard(REPO);
    }

    private Firedrill open() {
        return Firedrill.configure().repository("mem:" + REPO).init(Encryption.none());
    }

    @Test
    void databaseOperationsNameTheMissingEngineModuleAndHideCredentials() {
        try (Firedrill fd = open()) {
            String url = "jdbc:postgresql://admin:s3cret@db1/app?password=hunter2";
            PluginNotFoundException backup = assertThrows(PluginNotFoundException.class,
                    () -> fd.backup().database(url).run());
            assertTrue(backup.hint().contains("io.firedrill:firedrill-postgres"), backup.hint());
            assertTrue(backup.getMessage().contains("engines found: none"), backup.getMessage());
            assertFalse(backup.getMessage().contains("s3cret") || backup.getMessage().contains("hunter2"));

            PluginNotFoundException logs = assertThrows(PluginNotFoundException.class,
                    () -> fd.archiveLogs().from("jdbc:mariadb://db2/shop").start());
            assertTrue(logs.hint().contains("io.firedrill:firedrill-mariadb"), logs.hint());
            assertEquals(ErrorCode.PLUGIN_NOT_FOUND, logs.code());
        }
    }

    @Test
    void anExplicitEngineIsChosenAndSaysWhatItCannotDo() {
        EngineProvider fake = new EngineProvider() {
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
                    public void close() {
                    }
                };
            }
        };
        try (Firedrill fd = Firedrill.configure().repository("mem:" + REPO).engineProvider(fake)
                .init(Encryption.none())) {
            PluginNotFoundException e = assertThrows(PluginNotFoundException.class,
                    () -> fd.backup().database("jdbc:fake://x").run());
            assertTrue(e.getMessage().contains("engine 'fake' does not take physical backups"), e.getMessage());
            assertEquals(List.of(), fd.list());
        }
    }

    @Test
    void aMalformedRepositoryUriIsNotEchoedWithItsSecrets() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Firedrill.configure().repository("swift://user:pw@con tainer/p?key=SECRET-KEY").load());
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        assertTrue(!e.getMessage().contains("SECRET-KEY") && !e.getMessage().contains("pw@"), e.getMessage());
    }

    @Test
    void unknownStorageSchemesNameTheModule() {
        PluginNotFoundException s3 = assertThrows(PluginNotFoundException.class,
                () -> Firedrill.configure().repository("s3://bucket/prefix").load());
        assertTrue(s3.hint().contains("firedrill-storage-s3"), s3.hint());
        assertTrue(s3.getMessage().contains("file"), "lists the providers found: " + s3.getMessage());
        assertThrows(InvalidConfigurationException.class,
                () -> Firedrill.configure().repository("file:relative/path").load());
    }

    @Test
    void listenersSeeStartProgressAndFinish() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        Files.write(source.resolve("big"), new byte[8 * 1024 * 1024 + 1]);
        List<String> events = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void started(Operation operation, long totalBytes) {
                events.add("started " + operation);
            }

            @Override
            public void finished(Operation operation, Duration elapsed) {
                events.add("finished " + operation);
            }

            @Override
            public void failed(Operation operation, FiredrillException failure) {
                events.add("failed " + operation + " " + failure.code());
            }
        };
        try (Firedrill fd = open()) {
            fd.backup().directory(source).listener(listener).run();
            assertThrows(FiredrillException.class, () -> fd.restore().to(source).listener(listener).run());
        }
        assertEquals(List.of("started BACKUP", "finished BACKUP", "started RESTORE", "failed RESTORE INVALID_TARGET"),
                events);
    }

    @Test
    void aCancelledBackupIsNotListed() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        for (int i = 0; i < 20; i++) {
            Files.write(source.resolve("f" + i), new byte[1024 * 1024]);
        }
        AtomicBoolean failedCalled = new AtomicBoolean();
        ProgressListener cancelling = new ProgressListener() {
            @Override
            public boolean isCancelled() {
                return true;
            }

            @Override
            public void failed(Operation operation, FiredrillException failure) {
                failedCalled.set(failure instanceof OperationCancelledException);
            }
        };
        try (Firedrill fd = open()) {
            assertThrows(OperationCancelledException.class,
                    () -> fd.backup().directory(source).listener(cancelling).run());
            assertTrue(failedCalled.get());
            assertEquals(List.of(), fd.list());
        }
    }
}
