package io.firedrill.core.crypto;

import io.firedrill.api.InvalidConfigurationException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Derives a 32-byte key from a passphrase with Argon2id (version 1.3, RFC 9106). The passphrase is
 * encoded as UTF-8. Immutable; compares by value.
 */
public final class Argon2idKdf {
    /** The RFC 9106 second recommended setting: 64 MiB, 3 passes, 4 lanes. */
    public static final Argon2idKdf DEFAULT = new Argon2idKdf(64 * 1024, 3, 4);

    /** The largest memory cost accepted, 4 GiB, so a damaged or hostile key file cannot exhaust the heap. */
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    /** The largest number of passes accepted. */
    public static final int MAX_ITERATIONS = 100;
    /** The largest number of lanes accepted. */
    public static final int MAX_PARALLELISM = 16;
    /** The smallest salt accepted, in bytes (the Argon2 minimum). */
    public static final int MIN_SALT_BYTES = 8;

    private static final int KEY_BYTES = 32;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;

    /**
     * @param memoryKiB memory cost in KiB, at least {@code 8 * parallelism}
     * @param iterations number of passes, at least 1
     * @param parallelism number of lanes, 1 to 16
     * @throws InvalidConfigurationException when a parameter is out of range
     */
    public Argon2idKdf(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new InvalidConfigurationException("Argon2id parallelism " + parallelism + " is out of range",
                    "use 1 to " + MAX_PARALLELISM + " lanes");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new InvalidConfigurationException("Argon2id iterations " + iterations + " is out of range",
                    "use 1 to " + MAX_ITERATIONS + " passes");
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new InvalidConfigurationException("Argon2id memory " + memoryKiB + " KiB is out of range for "
                    + parallelism + " lanes", "use " + (8 * parallelism) + " to " + MAX_MEMORY_KIB + " KiB");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** Memory cost in KiB. */
    public int memoryKiB() {
        return memoryKiB;
    }

    /** Number of passes. */
    public int iterations() {
        return iterations;
    }

    /** Number of lanes. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Derives a 32-byte key. Temporary copies of the passphrase are zeroed before returning.
     *
     * @param passphrase the passphrase; not modified
     * @param salt at least 8 bytes, normally 16 random bytes
     * @return a new 32-byte array; the caller should zero it after use
     */
    public byte[] derive(char[] passphrase, byte[] salt) {
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(salt, "salt");
        if (salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("an Argon2id salt has at least " + MIN_SALT_BYTES
                    + " bytes, this one has " + salt.length);
        }
        byte[] password = utf8(passphrase);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] key = new byte[KEY_BYTES];
            generator.generateBytes(password, key);
            return key;
        } finally {
            Arrays.fill(password, (byte) 0);
            parameters.clear();
        }
    }

    private static byte[] utf8(char[] passphrase) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(passphrase));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the passphrase is not valid UTF-16 text (it contains a lone surrogate)");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Argon2idKdf other && memoryKiB == other.memoryKiB && iterations == other.iterations
                && parallelism == other.parallelism;
    }

    @Override
    public int hashCode() {
        return Objects.hash(memoryKiB, iterations, parallelism);
    }

    @Override
    public String toString() {
        return "Argon2idKdf[memoryKiB=" + memoryKiB + ", iterations=" + iterations + ", parallelism=" + parallelism + "]";
    }
}
