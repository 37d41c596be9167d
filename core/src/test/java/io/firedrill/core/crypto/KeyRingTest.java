package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.Identity;
import io.firedrill.api.WrongKeyException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final Argon2idKdf TINY = KeyFileTest.TINY;
    private final MasterKeys keys = MasterKeys.generate();
    private final Identity identity = Identity.generate();

    @Test
    void opensWithThePassphraseOrTheIdentity() {
        List<KeyFile> files = List.of(KeyFile.forRecipient(keys, identity.recipient()),
                KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY));
        assertEquals(keys, KeyRing.unlock(files, "pw".toCharArray(), null, "mem:test"));
        assertEquals(keys, KeyRing.unlock(files, null, identity, "mem:test"));
        assertEquals(keys, KeyRing.unlock(files, "wrong".toCharArray(), identity, "mem:test"));
    }

    @Test
    void prefersAFullKeyOverAWriteOnlyOne() {
        List<KeyFile> files = List.of(KeyFile.forPassphrase(keys.writeOnly(), "pw".toCharArray(), TINY),
                KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY));
        assertTrue(KeyRing.unlock(files, "pw".toCharArray(), null, "mem:test").canRead());
        List<KeyFile> writeOnly = List.of(KeyFile.forPassphrase(keys.writeOnly(), "wo".toCharArray(), TINY),
                KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY));
        assertFalse(KeyRing.unlock(writeOnly, "wo".toCharArray(), null, "mem:test").canRead());
    }

    @Test
    void wrongPassphraseNamesTheRepositoryAndWhatWasTried() {
        String passphrase = "hunter2-very-secret";
        List<KeyFile> files = List.of(KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY),
                KeyFile.forPassphrase(keys.writeOnly(), "pw2".toCharArray(), TINY),
                KeyFile.forRecipient(keys, identity.recipient()));
        WrongKeyException e = assertThrows(WrongKeyException.class,
                () -> KeyRing.unlock(files, passphrase.toCharArray(), null, "s3://bucket/backups"));
        assertEquals(ErrorCode.WRONG_KEY, e.code());
        assertFalse(e.getMessage().contains(passphrase), e.getMessage());
        assertTrue(e.getMessage().contains("s3://bucket/backups"), e.getMessage());
        assertTrue(e.getMessage().contains("2 passphrase key files"), e.getMessage());
    }

    @Test
    void otherIdentityIsNotTried() {
        List<KeyFile> files = List.of(KeyFile.forRecipient(keys, identity.recipient()),
                KeyFile.forPassphrase(keys, "pw".toCharArray(), TINY));
        Identity stranger = Identity.generate();
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> KeyRing.unlock(files, null, stranger, "repo-a"));
        assertTrue(e.getMessage().contains("0 recipient key files"), e.getMessage());
        assertTrue(e.getMessage().contains(stranger.recipient().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("1 passphrase key file not tried"), e.getMessage());
    }

    @Test
    void nothingGivenIsAWrongKey() {
        List<KeyFile> files = List.of(KeyFile.forRecipient(keys, identity.recipient()));
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> KeyRing.unlock(files, null, null, "repo-b"));
        assertTrue(e.getMessage().contains("neither a passphrase nor an identity"), e.getMessage());
    }
}
