package io.firedrill.mysql.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** Password proofs against vectors computed independently (Python's hashlib) for password "secret", scramble 1..20. */
class AuthScrambleTest {
    private static final byte[] SCRAMBLE = new byte[20];

    static {
        for (int i = 0; i < 20; i++) {
            SCRAMBLE[i] = (byte) (i + 1);
        }
    }

    @Test
    void nativePasswordMatchesTheKnownVector() {
        assertEquals("b32bb3a583e1340c0a1108d58b1be49781ad8c2f",
                HexFormat.of().formatHex(AuthScramble.nativePassword("secret", SCRAMBLE)));
    }

    @Test
    void cachingSha2FastPathMatchesTheKnownVector() {
        assertEquals("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9",
                HexFormat.of().formatHex(AuthScramble.cachingSha2("secret", SCRAMBLE)));
    }

    @Test
    void aTrailingNulOfTheScrambleIsIgnored() {
        byte[] withNul = new byte[21];
        System.arraycopy(SCRAMBLE, 0, withNul, 0, 20);
        assertArrayEquals(AuthScramble.cachingSha2("secret", SCRAMBLE), AuthScramble.cachingSha2("secret", withNul));
        assertArrayEquals(AuthScramble.nativePassword("secret", SCRAMBLE), AuthScramble.nativePassword("secret", withNul));
    }

    @Test
    void anEmptyPasswordIsAnsweredWithNoBytes() {
        assertEquals(0, AuthScramble.nativePassword("", SCRAMBLE).length);
        assertEquals(0, AuthScramble.cachingSha2("", SCRAMBLE).length);
    }

    @Test
    void fullAuthenticationEncryptsThePasswordXorTheScrambleWithOaep() throws Exception {
        assertEquals("72676076607207", HexFormat.of().formatHex(AuthScramble.xorWithScramble("secret", SCRAMBLE)));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        byte[] encrypted = AuthScramble.rsaEncryptedPassword("secret", SCRAMBLE, pem);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate());
        assertEquals("72676076607207", HexFormat.of().formatHex(cipher.doFinal(encrypted)));
    }
}
