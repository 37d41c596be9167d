package io.firedrill.storage.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.ReadData;
import io.firedrill.api.VerifyReport;
import io.firedrill.core.session.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole Firedrill repository in Swift, through {@code Firedrill.configure().repository("swift://...")}. */
class SwiftRepositoryTest {
    private static final char[] PASSPHRASE = "swift passphrase".toCharArray();
    private static final Encryption.KdfStrength FAST_KDF = new Encryption.KdfStrength(64, 1, 1);

    @TempDir
    Path dir;

    @Test
    void backupVerifyRestoreWithCredentialsFromTheEnvironment() throws IOException {
        Path source = SourceTree.create(dir.resolve("source"), 1);
        String container = LocalSwift.freshContainer("repo-env");
        SwiftStorageProvider provider = new SwiftStorageProvider(Map.of(
                "ST_AUTH", LocalSwift.server().authUrl().toString(), "ST_USER", LocalSwift.server().user(),
                "ST_KEY", LocalSwift.server().key()));
        String uri = "swift://" + container + "/prod/db1?create=true";

        BackupResult backup;
        try (Firedrill fd = Firedrill.configure().repository(uri).storageProvider(provider).passphrase(PASSPHRASE)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(FAST_KDF))) {
            backup = fd.backup().directory(source).run();
        }
        try (Firedrill fd = Firedrill.configure().repository("swift://" + container + "/prod/db1")
                .storageProvider(provider).passphrase(PASSPHRASE).load()) {
            VerifyReport report = fd.verify().readData(ReadData.all()).run();
            assertTrue(report.healthy(), report.problems().toString());
            fd.restore().backup(backup.backup().id()).to(dir.resolve("restored")).run();
        }
        Trees.assertSameTree(source, dir.resolve("restored"));
    }

    @Test
    void backupVerifyRestoreWithPacksAsLargeObjects() throws IOException {
        Path source = SourceTree.create(dir.resolve("source"), 2);
        String uri = "swift://" + LocalSwift.freshContainer("repo-slo") + "/db2?create=true&auth_url="
                + LocalSwift.server().authUrl() + "&user=" + LocalSwift.server().user() + "&key="
                + LocalSwift.server().key() + "&large_object_threshold=1048576&segment_size=1048576";

        try (Firedrill fd = Firedrill.configure().repository(uri).passphrase(PASSPHRASE).packSize(4 * 1024 * 1024)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(FAST_KDF))) {
            BackupResult first = fd.backup().directory(source).run();
            assertTrue(first.backup().stats().storedBytes() > 4 * 1024 * 1024, first.backup().stats().toString());
            VerifyReport report = fd.verify().readData(ReadData.all()).run();
            assertTrue(report.healthy(), report.problems().toString());
            fd.restore().backup(first.backup().id()).to(dir.resolve("restored")).run();
            assertEquals(1, fd.list().size());
        }
        Trees.assertSameTree(source, dir.resolve("restored"));
    }
}
