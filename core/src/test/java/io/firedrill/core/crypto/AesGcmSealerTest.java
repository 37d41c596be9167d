package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AesGcmSealerTest {
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] AAD = "index/abc".getBytes(StandardCharsets.UTF_8);
    private final AesGcmSealer sealer = new AesGcmSealer(KEY);

    @Test
    void layoutIsFormatNonceCiphertextTag() {
        byte[] plain = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = sealer.seal(plain, AAD);
        assertEquals(29, sealer.overhead(100));
        assertEquals(13 + 16 * 64, sealer.overhead(1024 * 1024));
        assertEquals(13 + 16 * 65, sealer.overhead(1024 * 1024 + 1));
        assertEquals(1 + 12 + 5 + 16, sealed.length);
        assertEquals(0x01, sealed[0]);
    }

    @Test
    void noncesDifferBetweenSeals() throws IntegrityException {
        byte[] plain = new byte[32];
        byte[] a = sealer.seal(plain, AAD);
        byte[] b = sealer.seal(plain, AAD);
        assertFalse(Arrays.equals(a, b));
        assertArrayEquals(sealer.open(a, AAD), sealer.open(b, AAD));
    }

    @Test
    void nullAadEqualsEmptyAad() throws IntegrityException {
        byte[] sealed = sealer.seal(new byte[] {1, 2, 3}, null);
        assertArrayEquals(new byte[] {1, 2, 3}, sealer.open(sealed, new byte[0]));
    }

    @Test
    void rejectsWrongFormatByte() {
        byte[] sealed = new ChecksumSealer().seal(new byte[40], AAD);
        IntegrityException e = assertThrows(IntegrityException.class, () -> sealer.open(sealed, AAD));
        assertTrue(e.getMessage().contains("format byte 0x00"), e.getMessage());
    }

    @Test
    void rejectsShortInput() {
        IntegrityException e = assertThrows(IntegrityException.class, () -> sealer.open(new byte[28], AAD));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void rejectsWrongKeyWithTagMismatch() {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        byte[] sealed = sealer.seal(new byte[10], AAD);
        IntegrityException e = assertThrows(IntegrityException.class, () -> new AesGcmSealer(other).open(sealed, AAD));
        assertTrue(e.getMessage().contains("authentication tag mismatch"), e.getMessage());
    }

    @Test
    void stillWorksAfterAFailure() throws IntegrityException {
        byte[] sealed = sealer.seal(new byte[] {9}, AAD);
        assertThrows(IntegrityException.class, () -> sealer.open(sealed, new byte[] {1}));
        assertArrayEquals(new byte[] {9}, sealer.open(sealed, AAD));
    }

    @Test
    void rejectsKeysOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AesGcmSealer(new byte[16]));
        assertTrue(e.getMessage().contains("32 bytes"));
    }

    @Test
    void copiesTheKey() throws IntegrityException {
        byte[] key = KEY.clone();
        AesGcmSealer s = new AesGcmSealer(key);
        byte[] sealed = s.seal(new byte[] {5}, AAD);
        Arrays.fill(key, (byte) 0);
        assertArrayEquals(new byte[] {5}, sealer.open(sealed, AAD));
    }

    @Test
    void toStringHidesTheKey() {
        assertFalse(sealer.toString().contains(HexFormat.of().formatHex(KEY)));
        assertEquals("AesGcmSealer[AES-256-GCM]", sealer.toString());
    }
}
