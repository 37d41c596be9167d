package io.firedrill.core.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Identity;
import io.firedrill.api.Recipient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository key file, stored at {@code keys/<keyId>}: the {@link MasterKeys} sealed under a passphrase
 * (Argon2id, then AES-256-GCM) or to a {@link Recipient} ({@link X25519Box}). It is a JSON document:
 *
 * <pre>{@code
 * {"version":1, "kind":"full"|"write-only", "wrap":"passphrase"|"x25519",
 *  "kdf":{"algorithm":"argon2id","memoryKiB":..,"iterations":..,"parallelism":..,"salt":"<base64>"},  (passphrase)
 *  "recipient":"firedrill-recipient-x25519:...",                                               (x25519)
 *  "created":"<ISO-8601 instant>", "sealed":"<base64>"}
 * }</pre>
 *
 * Immutable. {@link #toString()} shows no sealed bytes.
 */
public final class KeyFile {
    /** The kind of a key file that can read backups. */
    public static final String FULL = "full";
    /** The kind of a key file that can only add backups. */
    public static final String WRITE_ONLY = "write-only";
    /** The wrap of a key file opened by a passphrase. */
    public static final String PASSPHRASE = "passphrase";
    /** The wrap of a key file opened by an {@link Identity}. */
    public static final String X25519 = "x25519";

    private static final int VERSION = 1;
    private static final String DEFAULT_NAME = "key file";
    private static final String KDF_ALGORITHM = "argon2id";
    private static final int SALT_BYTES = 16;
    private static final byte[] CONTEXT = "firedrill key file v1".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String kind;
    private final String wrap;
    private final Argon2idKdf kdf;
    private final byte[] salt;
    private final Recipient recipient;
    private final Instant created;
    private final byte[] sealed;

    private KeyFile(String name, String kind, String wrap, Argon2idKdf kdf, byte[] salt, Recipient recipient, Instant created,
            byte[] sealed) {
        this.name = name;
        this.kind = kind;
        this.wrap = wrap;
        this.kdf = kdf;
        this.salt = salt;
        this.recipient = recipient;
        this.created = created;
        this.sealed = sealed;
    }

    /**
     * Seals {@code keys} under a passphrase: a full key file when the keys can read, else a write-only one.
     *
     * @param passphrase not kept and not modified
     * @param kdf the Argon2id cost; {@link Argon2idKdf#DEFAULT} for real repositories
     */
    public static KeyFile forPassphrase(MasterKeys keys, char[] passphrase, Argon2idKdf kdf) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(kdf, "kdf");
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = kdf.derive(passphrase, salt);
        byte[] payload = KeyPayload.encode(keys);
        try {
            byte[] sealed = new AesGcmSealer(key).seal(payload, CONTEXT);
            return new KeyFile(DEFAULT_NAME, kindOf(keys), PASSPHRASE, kdf, salt, null, now(), sealed);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** Seals {@code keys} to a recipient: a full key file when the keys can read, else a write-only one. */
    public static KeyFile forRecipient(MasterKeys keys, Recipient recipient) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(recipient, "recipient");
        byte[] payload = KeyPayload.encode(keys);
        try {
            byte[] sealed = X25519Box.seal(recipient.publicKey(), payload, CONTEXT);
            return new KeyFile(DEFAULT_NAME, kindOf(keys), X25519, null, null, recipient, now(), sealed);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** Parses a key file; see {@link #parse(String, byte[])}. Errors name the object "key file". */
    public static KeyFile parse(byte[] bytes) {
        return parse(DEFAULT_NAME, bytes);
    }

    /**
     * Parses the bytes written by {@link #toBytes()}.
     *
     * @param objectName the storage object the bytes came from, for messages (e.g. {@code keys/<keyId>})
     * @throws CorruptObjectException when the bytes are not a key file this version understands
     */
    public static KeyFile parse(String objectName, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw corrupt(objectName, "the key file is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(objectName, "the key file is not a JSON object", null);
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt()) {
            throw corrupt(objectName, "the key file has no integer field 'version'", null);
        }
        if (version.intValue() != VERSION) {
            throw corrupt(objectName, "the key file has version " + version.intValue() + ", this Firedrill reads version "
                    + VERSION + " (upgrade Firedrill if the repository was written by a newer one)", null);
        }
        String kind = text(objectName, root, "kind");
        if (!kind.equals(FULL) && !kind.equals(WRITE_ONLY)) {
            throw corrupt(objectName, "the key file kind '" + kind + "' is neither '" + FULL + "' nor '" + WRITE_ONLY + "'",
                    null);
        }
        String wrap = text(objectName, root, "wrap");
        Instant created;
        try {
            created = Instant.parse(text(objectName, root, "created"));
        } catch (DateTimeParseException e) {
            throw corrupt(objectName, "the key file field 'created' is not an ISO-8601 instant", e);
        }
        byte[] sealed = base64(objectName, root, "sealed");
        switch (wrap) {
            case PASSPHRASE -> {
                JsonNode kdfNode = root.get("kdf");
                if (kdfNode == null || !kdfNode.isObject()) {
                    throw corrupt(objectName, "the passphrase key file has no object field 'kdf'", null);
                }
                String algorithm = text(objectName, kdfNode, "algorithm");
                if (!algorithm.equals(KDF_ALGORITHM)) {
                    throw corrupt(objectName, "the key file uses key derivation '" + algorithm + "', this Firedrill knows '"
                            + KDF_ALGORITHM + "'", null);
                }
                Argon2idKdf kdf;
                try {
                    kdf = new Argon2idKdf(integer(objectName, kdfNode, "memoryKiB"), integer(objectName, kdfNode, "iterations"),
                            integer(objectName, kdfNode, "parallelism"));
                } catch (FiredrillException e) {
                    throw corrupt(objectName, "the key file has unusable Argon2id parameters: " + e.getMessage(), e);
                }
                byte[] salt = base64(objectName, kdfNode, "salt");
                if (salt.length < Argon2idKdf.MIN_SALT_BYTES) {
                    throw corrupt(objectName, "the key file salt has " + salt.length + " bytes, at least "
                            + Argon2idKdf.MIN_SALT_BYTES + " are needed", null);
                }
                return new KeyFile(objectName, kind, wrap, kdf, salt, null, created, sealed);
            }
            case X25519 -> {
                Recipient recipient;
                try {
                    recipient = Recipient.parse(text(objectName, root, "recipient"));
                } catch (FiredrillException e) {
                    throw corrupt(objectName, "the key file field 'recipient' is not a recipient: " + e.getMessage(), e);
                }
                return new KeyFile(objectName, kind, wrap, null, null, recipient, created, sealed);
            }
            default -> throw corrupt(objectName, "the key file wrap '" + wrap + "' is neither '" + PASSPHRASE + "' nor '"
                    + X25519 + "'", null);
        }
    }

    /** The JSON document, UTF-8. */
    public byte[] toBytes() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("kind", kind);
        root.put("wrap", wrap);
        if (kdf != null) {
            ObjectNode kdfNode = root.putObject("kdf");
            kdfNode.put("algorithm", KDF_ALGORITHM);
            kdfNode.put("memoryKiB", kdf.memoryKiB());
            kdfNode.put("iterations", kdf.iterations());
            kdfNode.put("parallelism", kdf.parallelism());
            kdfNode.put("salt", Base64.getEncoder().encodeToString(salt));
        }
        if (recipient != null) {
            root.put("recipient", recipient.toString());
        }
        root.put("created", created.toString());
        root.put("sealed", Base64.getEncoder().encodeToString(sealed));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a key file as JSON", e);
        }
    }

    /**
     * Opens a passphrase key file.
     *
     * @return the keys, or empty when this is not a passphrase key file or the passphrase does not open it
     * @throws CorruptObjectException when the passphrase opens it but the secrets inside are malformed
     */
    public Optional<MasterKeys> unlock(char[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (!wrap.equals(PASSPHRASE)) {
            return Optional.empty();
        }
        byte[] key = kdf.derive(passphrase, salt);
        byte[] payload;
        try {
            payload = new AesGcmSealer(key).open(sealed, CONTEXT);
        } catch (IntegrityException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return Optional.of(decode(payload));
    }

    /**
     * Opens a recipient key file.
     *
     * @return the keys, or empty when this is not a recipient key file, it is for another recipient, or it does
     *         not open with the identity
     * @throws CorruptObjectException when the identity opens it but the secrets inside are malformed
     */
    public Optional<MasterKeys> unlock(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        if (!wrap.equals(X25519) || !recipient.equals(identity.recipient())) {
            return Optional.empty();
        }
        byte[] privateKey = identity.privateKey();
        byte[] payload;
        try {
            payload = X25519Box.open(privateKey, sealed, CONTEXT);
        } catch (IntegrityException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
        return Optional.of(decode(payload));
    }

    /** {@link #FULL} or {@link #WRITE_ONLY}. */
    public String kind() {
        return kind;
    }

    /** {@link #PASSPHRASE} or {@link #X25519}. */
    public String wrap() {
        return wrap;
    }

    /** The recipient of an x25519 key file; empty for a passphrase key file. */
    public Optional<Recipient> recipient() {
        return Optional.ofNullable(recipient);
    }

    /** The Argon2id parameters of a passphrase key file; empty for a recipient key file. */
    public Optional<Argon2idKdf> kdf() {
        return Optional.ofNullable(kdf);
    }

    /** When the key file was made. */
    public Instant created() {
        return created;
    }

    /** Shows kind, wrap, recipient and date; never sealed bytes. */
    @Override
    public String toString() {
        return "KeyFile[" + kind + ", " + wrap + (recipient == null ? "" : " to " + recipient) + ", created " + created + "]";
    }

    private MasterKeys decode(byte[] payload) {
        try {
            MasterKeys keys = KeyPayload.decode(payload);
            if (!kindOf(keys).equals(kind)) {
                throw new IllegalArgumentException("it says kind '" + kind + "' but its secrets are " + kindOf(keys));
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw corrupt(name, "the key file opened but " + e.getMessage(), null);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    private static String kindOf(MasterKeys keys) {
        return keys.canRead() ? FULL : WRITE_ONLY;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String text(String objectName, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw corrupt(objectName, "the key file has no text field '" + field + "'", null);
        }
        return value.textValue();
    }

    private static int integer(String objectName, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isInt()) {
            throw corrupt(objectName, "the key file has no integer field '" + field + "'", null);
        }
        return value.intValue();
    }

    private static byte[] base64(String objectName, JsonNode node, String field) {
        try {
            return Base64.getDecoder().decode(text(objectName, node, field));
        } catch (IllegalArgumentException e) {
            throw corrupt(objectName, "the key file field '" + field + "' is not valid base64", e);
        }
    }

    private static CorruptObjectException corrupt(String objectName, String reason, Throwable cause) {
        return new CorruptObjectException(objectName, reason, cause);
    }
}
