package io.firedrill.storage.swift;

import static io.firedrill.core.storage.StreamAssertions.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.core.session.Trees;
import io.firedrill.core.storage.GeneratedPayload;
import io.firedrill.storage.swift.server.KeystoneEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keystone v3 against a real Keystone (Debian's python3-keystone) whose catalog names a real Swift proxy that
 * validates its tokens: password login scoped to a project, the object-store endpoint taken from the catalog by
 * region and interface, clear errors for a wrong password and for an endpoint the catalog does not have.
 */
class SwiftKeystoneTest {
    private static KeystoneEndpoint keystone;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKeystone() {
        keystone = LocalSwift.server().keystone();
    }

    private static KeystoneAuth auth(String password) {
        return SwiftAuth.keystone(keystone.authUrl(), keystone.domain(), keystone.user(), password.toCharArray(),
                keystone.domain(), keystone.project());
    }

    @Test
    void storesAndReadsThroughTheCatalogEndpoint() {
        try (SwiftStorage storage = SwiftStorage.builder().auth(auth(keystone.password()).region(keystone.region()))
                .container(LocalSwift.freshContainer("keystone")).prefix("db1").createContainer(true).build()) {
            GeneratedPayload payload = new GeneratedPayload(3, 200_000);

            storage.put("data/ab/abc", payload);

            assertEquals(Optional.of(new ObjectInfo("data/ab/abc", 200_000)), storage.head("data/ab/abc"));
            assertSameContent(payload.open(), storage.get("data/ab/abc"), "object stored with a Keystone token");
        }
    }

    @Test
    void backupAndRestoreWithOsVariables() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source/sub"));
        Files.writeString(source.resolve("note.txt"), "keystone");
        Files.write(source.resolve("blob.bin"), new byte[300_000]);
        SwiftStorageProvider provider = new SwiftStorageProvider(Map.of("OS_AUTH_URL", keystone.authUrl().toString(),
                "OS_USERNAME", keystone.user(), "OS_PASSWORD", keystone.password(),
                "OS_PROJECT_NAME", keystone.project(), "OS_USER_DOMAIN_NAME", keystone.domain(),
                "OS_PROJECT_DOMAIN_NAME", keystone.domain(), "OS_REGION_NAME", keystone.region(),
                "OS_INTERFACE", "public"));
        char[] passphrase = "pw".toCharArray();
        String uri = "swift://" + LocalSwift.freshContainer("keystone-repo") + "/app?create=true";

        try (Firedrill fd = Firedrill.configure().repository(uri).storageProvider(provider).passphrase(passphrase)
                .init(Encryption.passphrase(passphrase).withKdf(new Encryption.KdfStrength(64, 1, 1)))) {
            BackupResult backup = fd.backup().directory(dir.resolve("source")).run();
            fd.restore().backup(backup.backup().id()).to(dir.resolve("restored")).run();
        }
        Trees.assertSameTree(dir.resolve("source"), dir.resolve("restored"));
    }

    @Test
    void wrongPasswordIsRefusedWithoutEchoingIt() {
        StorageException e = assertThrows(StorageException.class,
                () -> SwiftStorage.builder().auth(auth("wrong-password-123")).container("c").build());

        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("refused the credentials of user 'admin'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password-123"));
    }

    @Test
    void endpointMissingFromTheCatalogIsNamed() {
        StorageException e = assertThrows(StorageException.class, () -> SwiftStorage.builder()
                .auth(auth(keystone.password()).endpointInterface("internal")).container("c").build());

        assertTrue(e.getMessage().contains("no internal object-store endpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("public@RegionOne"), e.getMessage());
    }
}
