package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MasterKeysTest {
    @Test
    void generatesAFullKeyWithAMatchingPair() {
        MasterKeys keys = MasterKeys.generate();
        assertTrue(keys.canRead());
        assertEquals(32, keys.idKey().length);
        assertEquals(32, keys.metaKey().length);
        assertArrayEquals(keys.dataPublicKey(), MasterKeys.publicKeyOf(keys.dataPrivateKey()));
        assertNotEquals(keys, MasterKeys.generate());
    }

    @Test
    void writeOnlyDropsThePrivateKey() {
        MasterKeys keys = MasterKeys.generate();
        MasterKeys writeOnly = keys.writeOnly();
        assertFalse(writeOnly.canRead());
        assertNull(writeOnly.dataPrivateKey());
        assertArrayEquals(keys.idKey(), writeOnly.idKey());
        assertArrayEquals(keys.metaKey(), writeOnly.metaKey());
        assertArrayEquals(keys.dataPublicKey(), writeOnly.dataPublicKey());
        assertNotEquals(keys, writeOnly);
    }

    @Test
    void accessorsReturnCopies() {
        MasterKeys keys = MasterKeys.generate();
        byte[] id = keys.idKey();
        id[0] ^= 1;
        assertFalse(java.util.Arrays.equals(id, keys.idKey()));
    }

    @Test
    void toStringShowsNoKeyBytes() {
        MasterKeys keys = MasterKeys.generate();
        String text = keys.toString();
        assertEquals("MasterKeys[full]", text);
        assertEquals("MasterKeys[write-only]", keys.writeOnly().toString());
        for (byte[] key : new byte[][] {keys.idKey(), keys.metaKey(), keys.dataPrivateKey()}) {
            assertFalse(text.contains(HexFormat.of().formatHex(key)));
            assertFalse(text.contains(Base64.getEncoder().encodeToString(key)));
        }
    }

    @Test
    void validatesLengths() {
        byte[] k = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> new MasterKeys(new byte[31], k, k, null));
        assertThrows(NullPointerException.class, () -> new MasterKeys(k, null, k, null));
        assertThrows(IllegalArgumentException.class, () -> new MasterKeys(k, k, k, new byte[33]));
    }
}
