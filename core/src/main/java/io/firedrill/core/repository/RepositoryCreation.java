package io.firedrill.core.repository;

import io.firedrill.api.Chunking;
import io.firedrill.api.Configuration;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.Recipient;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.core.crypto.Argon2idKdf;
import io.firedrill.core.crypto.ChecksumSealer;
import io.firedrill.core.crypto.KeyFile;
import io.firedrill.core.crypto.MasterKeys;
import io.firedrill.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Creates a repository: key files first, the {@code config} object last, so a location with a config is a
 * complete repository and a crash midway leaves nothing that looks like one.
 */
final class RepositoryCreation {
    static final byte[] CONFIG_AAD = "firedrill config".getBytes(StandardCharsets.US_ASCII);
    /** Key files are checksummed as a whole, so damage to their unsealed fields is detected too. */
    static final byte[] KEY_FILE_AAD = "firedrill key file".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RepositoryCreation() {
    }

    static Repository create(Storage storage, Configuration settings, Encryption encryption) {
        return create(storage, settings, encryption, MasterKeys.generate(), settings.chunking());
    }

    /**
     * Creates a repository with the master keys and chunking of {@code source}: copies between the two can move
     * packs, index files and catalog entries byte for byte.
     */
    static Repository createCopyOf(Storage storage, Configuration settings, Encryption encryption,
                                   Repository source) {
        if (source.config().encrypted() != encryption.encrypted()) {
            throw new InvalidConfigurationException("a copy of the " + (source.config().encrypted() ? "encrypted"
                    : "unencrypted") + " repository " + source.storage().describe() + " must be "
                    + (source.config().encrypted() ? "encrypted" : "unencrypted") + " too",
                    source.config().encrypted() ? "pass Encryption.passphrase(...) or Encryption.recipients(...)"
                            : "pass Encryption.none(), or init(...) a new repository and copy with re-encryption");
        }
        source.requireRead();
        return create(storage, settings, encryption, source.keys(), source.config().chunking());
    }

    private static Repository create(Storage storage, Configuration settings, Encryption encryption,
                                     MasterKeys keys, Chunking chunking) {
        if (storage.head(RepositoryLayout.CONFIG).isPresent()) {
            throw new FiredrillException(ErrorCode.REPOSITORY_STATE,
                    "a repository already exists at " + storage.describe(),
                    "open it with load(), or choose another location for a new repository");
        }
        String idKey = null;
        if (encryption.encrypted()) {
            writeKeyFiles(storage, keys, encryption);
        } else {
            idKey = Base64.getEncoder().encodeToString(keys.idKey());
        }
        RepositoryConfig config = new RepositoryConfig(RepositoryConfig.VERSION, randomHex(16),
                settings.clock().instant().toString(),
                encryption.encrypted() ? RepositoryConfig.AES_256_GCM : RepositoryConfig.NONE,
                chunking, idKey, null);
        if (encryption.encrypted()) {
            config = config.signed(ConfigMac.of(config, keys));
        }
        byte[] json = Json.write(config);
        Payload sealed = Payload.of(new ChecksumSealer().seal(json, 0, json.length, CONFIG_AAD));
        if (storage.features().contains(StorageFeature.CREATE_IF_ABSENT)) {
            if (!storage.putIfAbsent(RepositoryLayout.CONFIG, sealed)) {
                throw new FiredrillException(ErrorCode.REPOSITORY_STATE,
                        "another process created a repository at " + storage.describe() + " at the same time",
                        "open it with load()");
            }
        } else {
            storage.put(RepositoryLayout.CONFIG, sealed);
        }
        return new Repository(storage, config, keys, settings);
    }

    private static void writeKeyFiles(Storage storage, MasterKeys keys, Encryption encryption) {
        Encryption.KdfStrength strength = encryption.kdf();
        Argon2idKdf kdf = new Argon2idKdf(strength.memoryKiB(), strength.iterations(), strength.parallelism());
        for (char[] passphrase : encryption.passphrases()) {
            store(storage, KeyFile.forPassphrase(keys, passphrase, kdf));
            Arrays.fill(passphrase, '\0');
        }
        for (char[] passphrase : encryption.writeOnlyPassphrases()) {
            store(storage, KeyFile.forPassphrase(keys.writeOnly(), passphrase, kdf));
            Arrays.fill(passphrase, '\0');
        }
        for (Recipient recipient : encryption.recipientKeys()) {
            store(storage, KeyFile.forRecipient(keys, recipient));
        }
    }

    private static void store(Storage storage, KeyFile file) {
        byte[] json = file.toBytes();
        storage.put(RepositoryLayout.KEYS + randomHex(16),
                Payload.of(new ChecksumSealer().seal(json, 0, json.length, KEY_FILE_AAD)));
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
