package io.firedrill.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2idKdfTest {
    private static final Argon2idKdf TINY = new Argon2idKdf(64, 1, 1);
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void derivesThirtyTwoDeterministicBytes() {
        byte[] a = TINY.derive("correct horse".toCharArray(), SALT);
        byte[] b = TINY.derive("correct horse".toCharArray(), SALT);
        assertEquals(32, a.length);
        assertArrayEquals(a, b);
    }

    @Test
    void saltPassphraseAndParametersMatter() {
        byte[] base = TINY.derive("pw".toCharArray(), SALT);
        byte[] otherSalt = SALT.clone();
        otherSalt[0] ^= 1;
        assertFalse(Arrays.equals(base, TINY.derive("pw".toCharArray(), otherSalt)));
        assertFalse(Arrays.equals(base, TINY.derive("pW".toCharArray(), SALT)));
        assertFalse(Arrays.equals(base, new Argon2idKdf(64, 2, 1).derive("pw".toCharArray(), SALT)));
    }

    @Test
    void matchesArgon2idVersion13OverUtf8() {
        char[] passphrase = "pässwörd €".toCharArray();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(64).withIterations(1)
                .withParallelism(1).withSalt(SALT).build());
        byte[] expected = new byte[32];
        generator.generateBytes(new String(passphrase).getBytes(StandardCharsets.UTF_8), expected);
        assertArrayEquals(expected, TINY.derive(passphrase, SALT));
        assertEquals("pässwörd €", new String(passphrase), "the passphrase must not be modified");
    }

    @Test
    void validatesParameters() {
        assertThrows(InvalidConfigurationException.class, () -> new Argon2idKdf(64, 0, 1));
        assertThrows(InvalidConfigurationException.class, () -> new Argon2idKdf(64, 1, 0));
        assertThrows(InvalidConfigurationException.class, () -> new Argon2idKdf(64, 1, 17));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> new Argon2idKdf(31, 1, 4));
        assertTrue(e.getMessage().contains("31 KiB"), e.getMessage());
        new Argon2idKdf(32, 1, 4);
    }

    @Test
    void rejectsShortSalt() {
        assertThrows(IllegalArgumentException.class, () -> TINY.derive("pw".toCharArray(), new byte[7]));
    }

    @Test
    void isValueLike() {
        assertEquals(new Argon2idKdf(64, 1, 1), TINY);
        assertEquals(new Argon2idKdf(64, 1, 1).hashCode(), TINY.hashCode());
        assertEquals("Argon2idKdf[memoryKiB=64, iterations=1, parallelism=1]", TINY.toString());
    }
}
