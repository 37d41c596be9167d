package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.Chunking;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.RetentionPolicy;
import io.firedrill.core.storage.fault.FaultInjectingStorage;
import io.firedrill.core.storage.fault.FaultPlan;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies that cannot run fail early with a clear code, message and hint, and change nothing. */
class CopyErrorsTest {
    private static final char[] WRITE_ONLY = "write only".toCharArray();

    @TempDir
    Path dir;

    MemoryStorage sourceStorage;

    @BeforeEach
    void aSourceWithOneBackup() throws IOException {
        sourceStorage = new MemoryStorage("errors-source");
        Harness.writeTree(dir.resolve("tree"), 1, 2, 10_000, 20_000);
        try (Firedrill source = Harness.configure(sourceStorage).init(Encryption.passphrase(Harness.PASSPHRASE)
                .andWriteOnlyPassphrase(WRITE_ONLY).withKdf(Harness.FAST_KDF))) {
            source.backup().directory(dir.resolve("tree")).run();
        }
    }

    @Test
    void aSourceOpenedWithAWriteOnlyKeyCannotBeCopied() {
        try (Firedrill source = Harness.configure(sourceStorage).passphrase(WRITE_ONLY).load();
             Firedrill offsite = CopyTest.initOther(new MemoryStorage("errors-1"))) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> source.copy().to(offsite).run());
            assertEquals(ErrorCode.ACCESS_DENIED, e.code());
            assertTrue(offsite.list().isEmpty());
        }
    }

    @Test
    void aWrongDestinationPassphraseIsAWrongKey() {
        MemoryStorage destination = new MemoryStorage("errors-2");
        CopyTest.initOther(destination).close();
        try (Firedrill source = Harness.open(sourceStorage)) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> source.copy()
                    .to(Harness.configure(destination).passphrase("not it".toCharArray())).run());
            assertEquals(ErrorCode.WRONG_KEY, e.code());
        }
    }

    @Test
    void aDestinationWithoutARepositoryIsNamed() {
        try (Firedrill source = Harness.open(sourceStorage)) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> source.copy()
                    .to(CopyTest.other(new MemoryStorage("errors-empty"))).run());
            assertEquals(ErrorCode.REPOSITORY_STATE, e.code());
            assertTrue(e.getMessage().contains("mem:errors-empty"), e.getMessage());
        }
    }

    @Test
    void anUnreachableDestinationIsAStorageFailureNamingIt() {
        MemoryStorage destination = new MemoryStorage("errors-3");
        CopyTest.initOther(destination).close();
        FaultInjectingStorage down = new FaultInjectingStorage(destination,
                FaultPlan.builder().failureProbability(1.0).build());
        List<FiredrillException> paged = new CopyOnWriteArrayList<>();
        ProgressListener pager = new ProgressListener() {
            @Override
            public void failed(Operation operation, FiredrillException failure) {
                assertEquals(Operation.COPY, operation);
                paged.add(failure);
            }
        };
        try (Firedrill source = Harness.open(sourceStorage)) {
            FiredrillException e = assertThrows(FiredrillException.class,
                    () -> source.copy().to(CopyTest.other(down)).listener(pager).run());
            assertEquals(ErrorCode.STORAGE_FAILURE, e.code());
            assertTrue(e.getMessage().contains("mem:errors-3"), e.getMessage());
            assertEquals(List.of(e), paged);
        }
        // Reachable at opening, down during the copy: the copy fails as a copy and names the storage.
        FaultInjectingStorage failing = new FaultInjectingStorage(destination,
                FaultPlan.builder().failMutation(1, 2, 3, 4, 5, 6, 7, 8).build());
        try (Firedrill source = Harness.open(sourceStorage);
             Firedrill offsite = CopyTest.other(failing).lockWait(java.time.Duration.ZERO).load()) {
            FiredrillException e = assertThrows(FiredrillException.class,
                    () -> source.copy().to(offsite).listener(pager).run());
            assertEquals(ErrorCode.STORAGE_FAILURE, e.code());
            assertTrue(e.getMessage().startsWith("copy failed"), e.getMessage());
            assertEquals(e, paged.get(paged.size() - 1));
            assertTrue(e.getMessage().contains("mem:errors-3"), e.getMessage());
        }
    }

    @Test
    void aReencryptingCopyNeedsTheSameFileChunkSize() {
        MemoryStorage destination = new MemoryStorage("errors-4");
        try (Firedrill source = Harness.open(sourceStorage);
             Firedrill offsite = CopyTest.other(destination).chunking(Chunking.defaults())
                     .init(Encryption.passphrase(CopyTest.OTHER).withKdf(Harness.FAST_KDF))) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> source.copy().to(offsite).run());
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
            assertTrue(e.hint().contains("withFileChunkSize(" + Harness.CHUNK + ")"), e.hint());
        }
    }

    @Test
    void aCopyOfAnEncryptedRepositoryMustBeEncrypted() {
        try (Firedrill source = Harness.open(sourceStorage)) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> Harness.configure(
                    new MemoryStorage("errors-5")).initCopyOf(source, Encryption.none()));
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        }
    }

    @Test
    void selectionsAreChecked() {
        try (Firedrill source = Harness.open(sourceStorage);
             Firedrill offsite = CopyTest.initOther(new MemoryStorage("errors-6"))) {
            FiredrillException missing = assertThrows(FiredrillException.class, () -> source.copy().to(offsite)
                    .backup(BackupId.of("20200101T000000Z-00000000")).run());
            assertEquals(ErrorCode.BACKUP_NOT_FOUND, missing.code());
            assertTrue(missing.getMessage().contains("20200101T000000Z-00000000"), missing.getMessage());
            assertEquals(ErrorCode.INVALID_CONFIGURATION, assertThrows(FiredrillException.class,
                    () -> source.copy().run()).code());
            assertEquals(ErrorCode.INVALID_CONFIGURATION, assertThrows(FiredrillException.class,
                    () -> source.copy().to(offsite).latest()
                            .retainedBy(RetentionPolicy.builder().keepLast(1).build()).run()).code());
            assertTrue(offsite.list().isEmpty());
        }
    }
}
