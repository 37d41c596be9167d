package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.BackupId;
import io.firedrill.api.Compression;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Identity;
import io.firedrill.api.ReadData;
import io.firedrill.api.VerifyReport;
import io.firedrill.api.WrongKeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, access levels, repository state and restore targets, through the public API. */
class KeysTest {
    private static final Encryption.KdfStrength FAST_KDF = RoundTripTest.FAST_KDF;
    private static final String SECRET = "correct horse battery staple 8472";

    @TempDir
    Path dir;

    private Path source() throws IOException {
        Path source = dir.resolve("source");
        if (!Files.exists(source)) {
            Files.createDirectories(source.resolve("sub"));
            Files.writeString(source.resolve("a.txt"), "hello keys");
            byte[] data = new byte[300_000];
            new Random(5).nextBytes(data);
            Files.write(source.resolve("sub/data.bin"), data);
            Files.createSymbolicLink(source.resolve("link"), Path.of("a.txt"));
        }
        return source;
    }

    private Firedrill initPassphrase(Path repo) {
        return Firedrill.configure().repository(repo).passphrase(SECRET.toCharArray())
                .init(Encryption.passphrase(SECRET.toCharArray()).withKdf(FAST_KDF));
    }

    @Test
    void wrongPassphraseFailsWithoutRevealingIt() {
        Path repo = dir.resolve("repo");
        initPassphrase(repo).close();
        String wrong = "wrong-passphrase-3141592653";
        WrongKeyException e = assertThrows(WrongKeyException.class,
                () -> Firedrill.configure().repository(repo).passphrase(wrong.toCharArray()).load());
        assertEquals(ErrorCode.WRONG_KEY, e.code());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(String.valueOf(e).contains(wrong), String.valueOf(e));
        assertTrue(e.getMessage().contains(repo.toString()) || e.getMessage().contains("repo"),
                "names the repository: " + e.getMessage());
    }

    @Test
    void missingPassphraseOnAnEncryptedRepositoryIsAClearError() {
        Path repo = dir.resolve("repo");
        initPassphrase(repo).close();
        FiredrillException e = assertThrows(FiredrillException.class,
                () -> Firedrill.configure().repository(repo).load());
        assertEquals(ErrorCode.WRONG_KEY, e.code());
        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("passphrase"), e.getMessage());
    }

    @Test
    void writeOnlyPassphraseBacksUpButCannotRead() throws IOException {
        Path repo = dir.resolve("repo");
        Identity identity = Identity.generate();
        String writeOnly = "write-only-secret";
        Firedrill.configure().repository(repo)
                .init(Encryption.recipients(identity.recipient()).andWriteOnlyPassphrase(writeOnly.toCharArray())
                        .withKdf(FAST_KDF))
                .close();

        Path source = source();
        List<BackupId> ids = new ArrayList<>();
        try (Firedrill fd = Firedrill.configure().repository(repo).passphrase(writeOnly.toCharArray()).load()) {
            assertFalse(fd.repository().canRead());
            ids.add(fd.backup().directory(source).run().backup().id());
            ids.add(fd.backup().directory(source).run().backup().id());
            assertEquals(ids, fd.list().stream().map(b -> b.id()).toList());

            Path target = dir.resolve("denied");
            FiredrillException restore = assertThrows(FiredrillException.class,
                    () -> fd.restore().backup(ids.get(0)).to(target).run());
            assertEquals(ErrorCode.ACCESS_DENIED, restore.code(), restore.getMessage());
            assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "a denied restore creates nothing");
            FiredrillException verify = assertThrows(FiredrillException.class,
                    () -> fd.verify().readData(ReadData.all()).run());
            assertEquals(ErrorCode.ACCESS_DENIED, verify.code(), verify.getMessage());
            FiredrillException drill = assertThrows(FiredrillException.class, () -> fd.drill().run());
            assertEquals(ErrorCode.ACCESS_DENIED, drill.code(), drill.getMessage());
        }

        try (Firedrill fd = Firedrill.configure().repository(repo).identity(identity).load()) {
            assertTrue(fd.repository().canRead());
            for (BackupId id : ids) {
                Path target = dir.resolve("restored-" + id.value());
                assertEquals(id, fd.restore().backup(id).to(target).run().backup());
                Trees.assertSameTree(source, target);
            }
            VerifyReport report = fd.verify().readData(ReadData.all()).run();
            assertTrue(report.healthy(), report.problems().toString());
        }

        Identity stranger = Identity.generate();
        WrongKeyException e = assertThrows(WrongKeyException.class,
                () -> Firedrill.configure().repository(repo).identity(stranger).load());
        assertFalse(e.getMessage().contains(stranger.encoded().substring(26)), "never shows the secret");
        assertFalse(e.getMessage().contains(identity.encoded().substring(26)), "never shows the secret");
    }

    @Test
    void loadWithoutARepositoryIsRepositoryState() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        FiredrillException e = assertThrows(FiredrillException.class,
                () -> Firedrill.configure().repository(empty).passphrase("x".toCharArray()).load());
        assertEquals(ErrorCode.REPOSITORY_STATE, e.code(), e.getMessage());
        FiredrillException missing = assertThrows(FiredrillException.class,
                () -> Firedrill.configure().repository(dir.resolve("nothing-here")).load());
        assertEquals(ErrorCode.REPOSITORY_STATE, missing.code(), missing.getMessage());
    }

    @Test
    void initTwiceIsRepositoryState() {
        Path repo = dir.resolve("repo");
        initPassphrase(repo).close();
        FiredrillException e = assertThrows(FiredrillException.class, () -> initPassphrase(repo));
        assertEquals(ErrorCode.REPOSITORY_STATE, e.code(), e.getMessage());
        FiredrillException plain = assertThrows(FiredrillException.class,
                () -> Firedrill.configure().repository(repo).init(Encryption.none()));
        assertEquals(ErrorCode.REPOSITORY_STATE, plain.code(), plain.getMessage());
        // the first repository still opens with its passphrase
        try (Firedrill fd = Firedrill.configure().repository(repo).passphrase(SECRET.toCharArray()).load()) {
            assertTrue(fd.repository().encrypted());
        }
    }

    @Test
    void restoreIntoANonEmptyDirectoryIsInvalidTargetAndTouchesNothing() throws IOException {
        Path repo = dir.resolve("repo");
        try (Firedrill fd = initPassphrase(repo)) {
            fd.backup().directory(source()).run();
            Path target = Files.createDirectories(dir.resolve("busy"));
            Files.writeString(target.resolve("keep.txt"), "mine");
            Files.setLastModifiedTime(target.resolve("keep.txt"), FileTime.fromMillis(1_000_000));
            List<String> before = snapshot(target);
            FiredrillException e = assertThrows(FiredrillException.class, () -> fd.restore().to(target).run());
            assertEquals(ErrorCode.INVALID_TARGET, e.code(), e.getMessage());
            assertEquals(before, snapshot(target));

            Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
            FiredrillException onFile = assertThrows(FiredrillException.class, () -> fd.restore().to(file).run());
            assertEquals(ErrorCode.INVALID_TARGET, onFile.code(), onFile.getMessage());
            assertEquals("not a directory", Files.readString(file));
        }
    }

    @Test
    void anEncryptedRepositoryStoresNoPlaintext() throws IOException {
        byte[] marker = ("FIREDRILL-PLAINTEXT-MARKER-" + "0123456789abcdef0123456789abcdefXYZ!?")
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(64, marker.length);
        Path source = Files.createDirectories(dir.resolve("marked"));
        byte[] content = new byte[200_000];
        new Random(9).nextBytes(content);
        System.arraycopy(marker, 0, content, 1000, marker.length);
        System.arraycopy(marker, 0, content, 150_000, marker.length);
        Files.write(source.resolve("secret.bin"), content);
        // The marker also appears in a file name, so manifests carry it too.
        Files.writeString(source.resolve(new String(marker, StandardCharsets.US_ASCII)), "x");

        Path encryptedRepo = dir.resolve("encrypted");
        try (Firedrill fd = Firedrill.configure().repository(encryptedRepo).passphrase(SECRET.toCharArray())
                .compression(Compression.none())
                .init(Encryption.passphrase(SECRET.toCharArray()).withKdf(FAST_KDF))) {
            fd.backup().directory(source).run();
        }
        assertEquals(List.of(), objectsContaining(encryptedRepo, marker));

        // The same data in an unencrypted, uncompressed repository is found: the scan can see it.
        Path plainRepo = dir.resolve("plain");
        try (Firedrill fd = Firedrill.configure().repository(plainRepo).compression(Compression.none())
                .init(Encryption.none())) {
            fd.backup().directory(source).run();
        }
        assertFalse(objectsContaining(plainRepo, marker).isEmpty(), "the control repository holds the plaintext");
    }

    private static List<String> objectsContaining(Path repo, byte[] marker) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(p), marker) >= 0) {
                    hits.add(repo.relativize(p).toString());
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<String> snapshot(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                String line = root.relativize(p) + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                if (Files.isRegularFile(p)) {
                    line += " " + Arrays.hashCode(Files.readAllBytes(p));
                }
                out.add(line);
            }
        }
        return out;
    }
}
