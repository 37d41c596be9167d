package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SessionKeyTest {
    private static final byte[] AAD = "pack/0001".getBytes(StandardCharsets.UTF_8);
    private final MasterKeys keys = MasterKeys.generate();

    @Test
    void readerOpensWhatAWriteOnlyWriterSealed() throws IntegrityException {
        SessionKey session = SessionKey.create(keys.writeOnly().dataPublicKey());
        assertEquals(32, session.key().length);
        byte[] blob = session.sealer().seal("chunk".getBytes(StandardCharsets.UTF_8), AAD);

        DataKeyCache cache = new DataKeyCache(keys.dataPrivateKey());
        Sealer reader = cache.sealerFor(session.envelope());
        assertArrayEquals("chunk".getBytes(StandardCharsets.UTF_8), reader.open(blob, AAD));
        assertArrayEquals(session.key(), X25519Box.open(keys.dataPrivateKey(), session.envelope(), SessionKey.CONTEXT));
    }

    @Test
    void cacheReturnsTheSameSealerPerSession() throws IntegrityException {
        DataKeyCache cache = new DataKeyCache(keys.dataPrivateKey());
        SessionKey a = SessionKey.create(keys.dataPublicKey());
        SessionKey b = SessionKey.create(keys.dataPublicKey());
        assertSame(cache.sealerFor(a.envelope()), cache.sealerFor(a.envelope().clone()));
        assertNotSame(cache.sealerFor(a.envelope()), cache.sealerFor(b.envelope()));
    }

    @Test
    void cacheStaysBounded() throws IntegrityException {
        DataKeyCache cache = new DataKeyCache(keys.dataPrivateKey(), 4);
        SessionKey first = SessionKey.create(keys.dataPublicKey());
        Sealer firstSealer = cache.sealerFor(first.envelope());
        for (int i = 0; i < 4; i++) {
            cache.sealerFor(SessionKey.create(keys.dataPublicKey()).envelope());
        }
        assertEquals("DataKeyCache[4 session keys]", cache.toString());
        Sealer reopened = cache.sealerFor(first.envelope());
        assertNotSame(firstSealer, reopened);
    }

    @Test
    void envelopeForAnotherRepositoryOrDamagedFails() {
        SessionKey session = SessionKey.create(keys.dataPublicKey());
        DataKeyCache other = new DataKeyCache(MasterKeys.generate().dataPrivateKey());
        assertThrows(IntegrityException.class, () -> other.sealerFor(session.envelope()));
        byte[] damaged = session.envelope();
        damaged[damaged.length - 1] ^= 1;
        assertThrows(IntegrityException.class, () -> new DataKeyCache(keys.dataPrivateKey()).sealerFor(damaged));
    }

    @Test
    void writeOnlyKeysCannotBuildACache() {
        assertThrows(NullPointerException.class, () -> new DataKeyCache(keys.writeOnly().dataPrivateKey()));
    }

    @Test
    void sessionsDifferAndHideTheirKey() {
        SessionKey a = SessionKey.create(keys.dataPublicKey());
        SessionKey b = SessionKey.create(keys.dataPublicKey());
        assertFalse(Arrays.equals(a.key(), b.key()));
        assertFalse(a.toString().contains(HexFormat.of().formatHex(a.key())));
    }
}
