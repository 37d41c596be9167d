package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChecksumSealerTest {
    private final ChecksumSealer sealer = new ChecksumSealer();

    @Test
    void layoutIsFormatPlaintextTruncatedSha256() throws Exception {
        byte[] aad = "catalog".getBytes(StandardCharsets.UTF_8);
        byte[] plain = "plain text".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = sealer.seal(plain, aad);
        assertEquals(17, sealer.overhead(100));
        assertEquals(0x00, sealed[0]);
        assertArrayEquals(plain, Arrays.copyOfRange(sealed, 1, 1 + plain.length));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(aad);
        sha.update(plain);
        assertArrayEquals(Arrays.copyOf(sha.digest(), 16), Arrays.copyOfRange(sealed, 1 + plain.length, sealed.length));
    }

    @Test
    void rejectsAesGcmObjects() {
        byte[] sealed = new AesGcmSealer(new byte[32]).seal(new byte[8], null);
        IntegrityException e = assertThrows(IntegrityException.class, () -> sealer.open(sealed, null));
        assertTrue(e.getMessage().contains("format byte 0x01"), e.getMessage());
    }

    @Test
    void rejectsShortInput() {
        IntegrityException e = assertThrows(IntegrityException.class, () -> sealer.open(new byte[16], null));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void reportsChecksumMismatch() {
        byte[] sealed = sealer.seal(new byte[] {1, 2, 3}, null);
        sealed[2] ^= 4;
        IntegrityException e = assertThrows(IntegrityException.class, () -> sealer.open(sealed, null));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }
}
