package io.firedrill.mysql.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The password proofs of the two authentication plugins spoken: {@code mysql_native_password}
 * ({@code SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw)))}) and {@code caching_sha2_password}'s fast path
 * ({@code SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble)}), plus the latter's full authentication without TLS:
 * the NUL-terminated password XOR the scramble (repeated), encrypted with the server's RSA public key
 * (RSA/ECB/OAEPWithSHA-1AndMGF1Padding). An empty password is answered with no bytes.
 */
public final class AuthScramble {
    /** The plugin MariaDB and older MySQL use. */
    public static final String NATIVE = "mysql_native_password";
    /** MySQL 8's default plugin. */
    public static final String CACHING_SHA2 = "caching_sha2_password";

    private AuthScramble() {
    }

    /** The {@code mysql_native_password} answer to {@code scramble}. */
    public static byte[] nativePassword(String password, byte[] scramble) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-1", stage1);
        byte[] mix = digest("SHA-1", concat(seed(scramble), stage2));
        return xor(stage1, mix);
    }

    /** The {@code caching_sha2_password} fast-path answer to {@code scramble}. */
    public static byte[] cachingSha2(String password, byte[] scramble) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-256", stage1);
        byte[] mix = digest("SHA-256", concat(stage2, seed(scramble)));
        return xor(stage1, mix);
    }

    /** The password followed by a NUL, XOR the scramble repeated as often as needed (before RSA encryption). */
    public static byte[] xorWithScramble(String password, byte[] scramble) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] clear = new byte[pw.length + 1];
        System.arraycopy(pw, 0, clear, 0, pw.length);
        byte[] seed = seed(scramble);
        for (int i = 0; i < clear.length; i++) {
            clear[i] ^= seed[i % seed.length];
        }
        return clear;
    }

    /**
     * The full-authentication answer: {@link #xorWithScramble} encrypted with the server's RSA public key.
     *
     * @param pemPublicKey the key the server sent, in PEM ({@code -----BEGIN PUBLIC KEY-----})
     */
    public static byte[] rsaEncryptedPassword(String password, byte[] scramble, String pemPublicKey)
            throws GeneralSecurityException {
        String base64 = pemPublicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(base64)));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(xorWithScramble(password, scramble));
    }

    /** The scramble without a trailing NUL (auth switch requests send one). */
    private static byte[] seed(byte[] scramble) {
        if (scramble.length > 0 && scramble[scramble.length - 1] == 0) {
            byte[] trimmed = new byte[scramble.length - 1];
            System.arraycopy(scramble, 0, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return scramble;
    }

    private static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
